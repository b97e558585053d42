/// Compiles proto3 schema files into a resolved ``Schema``: lex → parse → resolve and validate.
///
/// Files are named by paths relative to a schema root; `import` statements are resolved against
/// the same root through `sources`. Every error of the run is reported, not only the first.
public struct SchemaCompiler: Sendable {
  /// Returns the text of the file at a root-relative path, or `nil` when there is none.
  public typealias SourceProvider = @Sendable (_ path: String) -> String?

  let sources: SourceProvider

  /// Creates a compiler that reads files through `sources`.
  public init(sources: @escaping SourceProvider) {
    self.sources = sources
  }

  /// Compiles the files at `paths` and every file they import.
  public func compile(_ paths: [String]) -> SchemaCompilation {
    fatalError("not implemented yet")
  }
}

/// The outcome of a compilation: a schema when there were no errors, and every diagnostic.
public struct SchemaCompilation: Sendable {
  /// The resolved schema, or `nil` when any diagnostic is an error.
  public var schema: Schema?
  /// Every diagnostic, ordered by file, line and column.
  public var diagnostics: [Diagnostic]

  /// Creates a compilation result.
  public init(schema: Schema?, diagnostics: [Diagnostic]) {
    self.schema = schema
    self.diagnostics = diagnostics
  }

  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

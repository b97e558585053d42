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
  ///
  /// Files with syntax or import errors stop the run before names are resolved (every such
  /// error is still reported); otherwise every resolution and validation error is reported.
  ///
  /// ```swift
  /// let files = ["chat.proto": "syntax = \"proto3\";\npackage chat;\nmessage Ping {}\n"]
  /// let compilation = SchemaCompiler { files[$0] }.compile(["chat.proto"])
  /// for diagnostic in compilation.diagnostics { print(diagnostic) }
  /// let schema = compilation.schema  // nil when there were errors
  /// ```
  public func compile(_ paths: [String]) -> SchemaCompilation {
    let loaded = SourceLoader.load(paths, sources: sources)
    var diagnostics = loaded.diagnostics
    var schema: Schema?
    if !diagnostics.contains(where: { $0.severity == .error }) {
      let collector = SymbolCollector.collect(loaded.filesInDependencyOrder)
      let built = SchemaBuilder.build(loaded, table: collector.table)
      diagnostics += collector.diagnostics + built.diagnostics
      if !diagnostics.contains(where: { $0.severity == .error }) {
        schema = built.schema
      }
    }
    return SchemaCompilation(schema: schema, diagnostics: Self.sorted(diagnostics))
  }

  /// `diagnostics` ordered by file, line and column, keeping the order of equal places.
  static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.enumerated().sorted { left, right in
      let l = left.element.location
      let r = right.element.location
      return (l.file, l.line, l.column, left.offset) < (r.file, r.line, r.column, right.offset)
    }.map(\.element)
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

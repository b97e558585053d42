/// A set of schema files compiled together, with every type name resolved.
///
/// This is what the front end hands to the generator and to the compatibility checker: it
/// holds no syntax, only validated declarations. Names are fully qualified without a leading
/// dot (`switchboard.chat.Contact.Kind`).
public struct Schema: Sendable, Hashable {
  /// Every compiled file, in the order they were requested (imports after their importers
  /// only if they were not requested themselves).
  public var files: [SchemaFile]

  /// Creates a schema from its files.
  public init(files: [SchemaFile]) {
    self.files = files
  }

  /// The file with this path relative to the schema root, if compiled.
  public func file(at path: String) -> SchemaFile? {
    files.first { $0.path == path }
  }
}

/// One `.proto` file.
public struct SchemaFile: Sendable, Hashable {
  /// The path relative to the schema root, with `/` separators (`chat/contacts.proto`).
  public var path: String
  /// The `package` statement's name, or `""` when the file has none.
  public var package: String
  /// The paths of the files this one imports, as written in `import` statements.
  public var imports: [String]
  /// Top-level messages, in declaration order.
  public var messages: [MessageType]
  /// Top-level enums, in declaration order.
  public var enums: [EnumType]
  /// Services, in declaration order.
  public var services: [Service]

  /// Creates a file.
  public init(
    path: String,
    package: String = "",
    imports: [String] = [],
    messages: [MessageType] = [],
    enums: [EnumType] = [],
    services: [Service] = []
  ) {
    self.path = path
    self.package = package
    self.imports = imports
    self.messages = messages
    self.enums = enums
    self.services = services
  }
}

/// Where a declaration was written, for diagnostics.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  /// The file path as given to the compiler.
  public var file: String
  /// 1-based line.
  public var line: Int
  /// 1-based column, counted in UTF-8 bytes.
  public var column: Int

  /// Creates a location.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column`, the form compilers and editors read.
  public var description: String { "\(file):\(line):\(column)" }
}

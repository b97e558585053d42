/// Turns parsed files into the resolved model: every type name resolved, every rule of the
/// proto3 subset checked.
///
/// The builder always produces a model, with placeholders where something did not resolve;
/// the compiler discards it when any diagnostic is an error.
package struct SchemaBuilder {
  let table: SymbolTable
  /// What was found wrong, in no particular order.
  package private(set) var diagnostics: [Diagnostic] = []

  /// Creates a builder resolving names against `table`.
  package init(table: SymbolTable) {
    self.table = table
  }

  /// Builds the model of every loaded file, in the loader's output order.
  package static func build(
    _ loaded: SourceLoader.Output,
    table: SymbolTable
  ) -> (schema: Schema, diagnostics: [Diagnostic]) {
    var builder = SchemaBuilder(table: table)
    let byPath = Dictionary(
      loaded.filesInDependencyOrder.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    var files: [SchemaFile] = []
    for path in loaded.outputOrder {
      guard let syntax = byPath[path] else { continue }
      let resolver = TypeResolver(
        table: table, file: path, visibleFiles: loaded.visibleFiles(from: syntax))
      files.append(builder.build(syntax, resolver: resolver))
    }
    return (Schema(files: files), builder.diagnostics)
  }

  /// Builds one file.
  mutating func build(_ syntax: FileSyntax, resolver: TypeResolver) -> SchemaFile {
    let package = syntax.package?.components.joined(separator: ".") ?? ""
    return SchemaFile(
      path: syntax.path,
      package: package,
      imports: syntax.imports.map(\.path),
      messages: syntax.messages.map { build($0, in: package, resolver: resolver) },
      enums: syntax.enums.map { build($0, in: package) },
      services: syntax.services.map { build($0, in: package, resolver: resolver) })
  }

  /// Builds a service, checking that requests and responses are messages.
  private mutating func build(
    _ syntax: ServiceSyntax,
    in scope: String,
    resolver: TypeResolver
  ) -> Service {
    let fullName = SymbolCollector.join(scope, syntax.name)
    let methods = syntax.methods.map { method in
      Method(
        name: method.name,
        inputType: messageType(method.inputType, role: "request", in: fullName, resolver),
        outputType: messageType(method.outputType, role: "response", in: fullName, resolver),
        clientStreaming: method.clientStreaming,
        serverStreaming: method.serverStreaming,
        documentation: method.documentation,
        isDeprecated: method.isDeprecated,
        location: method.location)
    }
    return Service(
      name: syntax.name, fullName: fullName, documentation: syntax.documentation,
      methods: methods, isDeprecated: syntax.isDeprecated, location: syntax.location)
  }

  /// The full name of the message `name` refers to, or `""` after reporting why it is not one.
  private mutating func messageType(
    _ name: QualifiedName,
    role: String,
    in scope: String,
    _ resolver: TypeResolver
  ) -> String {
    switch resolve(name, in: scope, resolver) {
    case .type(let symbol) where symbol.kind == .message:
      return symbol.fullName
    case .type(let symbol):
      report(
        "rpc \(role) type must be a message, found enum '\(symbol.fullName)'", at: name.location)
    case .scalar(let scalar):
      report("rpc \(role) type must be a message, found scalar '\(scalar)'", at: name.location)
    case nil:
      break
    }
    return ""
  }

  /// Resolves `name`, reporting and returning `nil` when it names no type.
  mutating func resolve(
    _ name: QualifiedName,
    in scope: String,
    _ resolver: TypeResolver
  ) -> TypeResolver.Resolution? {
    do {
      return try resolver.resolve(name, in: scope)
    } catch {
      diagnostics.append(error)
      return nil
    }
  }

  /// Records an error.
  mutating func report(_ message: String, at location: SourceLocation) {
    diagnostics.append(Diagnostic(.error, message, at: location))
  }

  /// Records errors found by a validator.
  mutating func report(_ found: [Diagnostic]) {
    diagnostics += found
  }
}

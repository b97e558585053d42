/// Walks parsed files and defines every declared name in a ``SymbolTable``, reporting names
/// declared twice in one scope (in one file or across files).
package struct SymbolCollector {
  /// The collected symbols.
  package private(set) var table = SymbolTable()
  /// Names declared twice.
  package private(set) var diagnostics: [Diagnostic] = []

  /// Creates an empty collector.
  package init() {}

  /// Collects the symbols of `files`, which should come in dependency order so that a clash
  /// is reported in the file that imports the first declaration.
  package static func collect(_ files: [FileSyntax]) -> SymbolCollector {
    var collector = SymbolCollector()
    for file in files { collector.collect(file) }
    return collector
  }

  /// Defines the package and every declaration of `file`.
  ///
  /// The names of one scope are defined in source order, so a clash is reported at the
  /// later declaration whatever its kind.
  package mutating func collect(_ file: FileSyntax) {
    let path = file.path
    var scope = ""
    if let package = file.package {
      for component in package.components {
        let fullName = Self.join(scope, component)
        define(Symbol(.package, fullName, parent: scope, file: path, location: package.location))
        scope = fullName
      }
    }
    var symbols = Self.types(file.messages, file.enums, in: scope, file: path)
    for service in file.services {
      let fullName = Self.join(scope, service.name)
      symbols.append(
        Symbol(.service, fullName, parent: scope, file: path, location: service.location))
    }
    defineInSourceOrder(symbols)
    for service in file.services {
      let fullName = Self.join(scope, service.name)
      defineInSourceOrder(
        service.methods.map { method in
          Symbol(
            .method, Self.join(fullName, method.name), parent: fullName, file: path,
            location: method.location)
        })
    }
    for message in file.messages {
      collectMembers(of: message, named: Self.join(scope, message.name), file: path)
    }
  }

  /// Defines what is declared inside `message`, then inside its nested messages.
  private mutating func collectMembers(
    of message: MessageSyntax, named fullName: String, file: String
  ) {
    var symbols = message.fields.map { field in
      Symbol(
        .field, Self.join(fullName, field.name), parent: fullName, file: file,
        location: field.location, number: field.number)
    }
    for field in message.fields {
      guard case .map = field.type else { continue }
      symbols.append(
        Symbol(
          .mapEntry, Self.join(fullName, Self.mapEntryName(field.name)), parent: fullName,
          file: file, location: field.location))
    }
    symbols += message.oneofs.map { oneof in
      Symbol(
        .oneof, Self.join(fullName, oneof.name), parent: fullName, file: file,
        location: oneof.location)
    }
    symbols += Self.types(message.messages, message.enums, in: fullName, file: file)
    defineInSourceOrder(symbols)
    for nested in message.messages {
      collectMembers(of: nested, named: Self.join(fullName, nested.name), file: file)
    }
  }

  /// The symbols that messages and enums put in `scope`: themselves and, by C++ scoping, the
  /// enums' values (siblings of their enum, not children).
  private static func types(
    _ messages: [MessageSyntax],
    _ enums: [EnumSyntax],
    in scope: String,
    file: String
  ) -> [Symbol] {
    var symbols = messages.map { message in
      Symbol(
        .message, join(scope, message.name), parent: scope, file: file, location: message.location)
    }
    for enumSyntax in enums {
      let fullName = join(scope, enumSyntax.name)
      symbols.append(
        Symbol(.enumeration, fullName, parent: scope, file: file, location: enumSyntax.location))
      symbols += enumSyntax.values.map { value in
        Symbol(
          .enumValue, join(scope, value.name), parent: fullName, file: file,
          location: value.location, number: value.number)
      }
    }
    return symbols
  }

  private mutating func defineInSourceOrder(_ symbols: [Symbol]) {
    let ordered = symbols.sorted {
      ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
    }
    for symbol in ordered { define(symbol) }
  }

  private mutating func define(_ symbol: Symbol) {
    guard let existing = table.define(symbol) else { return }
    diagnostics.append(Diagnostic(.error, Self.clash(symbol, existing), at: symbol.location))
  }

  /// The message for `symbol` being declared where `existing` already is.
  static func clash(_ symbol: Symbol, _ existing: Symbol) -> String {
    let line = existing.location.line
    let sameFile = symbol.file == existing.file
    switch (symbol.kind, existing.kind) {
    case (.field, .field) where symbol.parent == existing.parent:
      let number = existing.number.map { "field \($0)" } ?? "another field"
      return "field name '\(symbol.name)' is already used by \(number) at line \(line)"
    case (.enumValue, .enumValue) where symbol.parent == existing.parent:
      return "enum value name '\(symbol.name)' is already used at line \(line)"
    case (.enumValue, .enumValue) where sameFile:
      let scope = scopeDescription(of: symbol)
      return "enum value '\(symbol.name)' clashes with '\(existing.name)' of enum "
        + "'\(existing.parent)' at line \(line): enum values are scoped to their enclosing "
        + "\(scope), not to their enum"
    case (.mapEntry, _):
      return "the entry message '\(symbol.name)' of this map field clashes with the "
        + "\(existing.kind.rawValue) at line \(line)"
    case (_, .mapEntry):
      return "'\(symbol.name)' clashes with the entry message of the map field at line \(line)"
    default:
      let other = "\(existing.kind.rawValue) at line \(line)"
      if sameFile {
        return "'\(symbol.name)' is already defined in \(scopeDescription(of: symbol)) (\(other))"
      }
      return "'\(symbol.fullName)' is already defined in file '\(existing.file)' (\(other))"
    }
  }

  /// The scope a symbol's name lives in, in words (`'chat.Contact'`, `the top level`).
  private static func scopeDescription(of symbol: Symbol) -> String {
    let scope = symbolScope(symbol)
    return scope.isEmpty ? "the top level" : "'\(scope)'"
  }

  /// The full name of the scope containing `symbol`'s name.
  private static func symbolScope(_ symbol: Symbol) -> String {
    guard let dot = symbol.fullName.lastIndex(of: ".") else { return "" }
    return String(symbol.fullName[..<dot])
  }

  /// The name of the entry message protobuf generates for the map field `fieldName`:
  /// underscores removed, the first letter and each letter after an underscore capitalized,
  /// then `Entry` (`foo_bar` gives `FooBarEntry`).
  static func mapEntryName(_ fieldName: String) -> String {
    var result = ""
    var capitalizeNext = true
    for character in fieldName {
      if character == "_" {
        capitalizeNext = true
      } else if capitalizeNext {
        result += character.isASCII ? character.uppercased() : String(character)
        capitalizeNext = false
      } else {
        result.append(character)
      }
    }
    return result + "Entry"
  }

  /// `scope.name`, or `name` at the top level.
  static func join(_ scope: String, _ name: String) -> String {
    scope.isEmpty ? name : scope + "." + name
  }
}

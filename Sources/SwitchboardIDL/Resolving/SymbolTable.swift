/// A declared name, with protobuf's notion of scope: enum values are siblings of their enum.
package struct Symbol: Sendable, Hashable {
  /// What was declared.
  package enum Kind: String, Sendable, Hashable {
    /// One component of a `package` name (`a` and `a.b` for `package a.b;`).
    case package
    /// A `message`.
    case message
    /// An `enum`.
    case enumeration = "enum"
    /// An enum value, named in its enum's enclosing scope.
    case enumValue = "enum value"
    /// A field of a message.
    case field
    /// A `oneof` of a message.
    case oneof
    /// The message protobuf generates for a map field (`FooBarEntry` for `foo_bar`); it takes
    /// the name in the message's scope but is not a type of the model.
    case mapEntry = "map entry"
    /// A `service`.
    case service
    /// An `rpc` of a service.
    case method = "rpc"

    /// Whether names can be looked up inside this symbol (`Outer.Inner`).
    package var isAggregate: Bool {
      self == .package || self == .message || self == .enumeration || self == .service
    }

    /// The kind with its article (`a field`, `an enum value`).
    package var withArticle: String {
      switch self {
      case .enumeration, .enumValue: return "an \(rawValue)"
      default: return "a \(rawValue)"
      }
    }

    /// Whether the symbol can be a field's type.
    package var isType: Bool { self == .message || self == .enumeration }
  }

  /// The kind.
  package var kind: Kind
  /// The fully qualified name without a leading dot (for an enum value, the enum's scope
  /// plus the value name: `chat.ACTIVE`, not `chat.Section.ACTIVE`).
  package var fullName: String
  /// The enclosing declaration's full name (for an enum value, its enum's full name).
  package var parent: String
  /// The file that declared it (for a package, the first file seen).
  package var file: String
  /// Where it was declared.
  package var location: SourceLocation
  /// The number of a field or enum value.
  package var number: Int64?

  /// Creates a symbol.
  package init(
    _ kind: Kind,
    _ fullName: String,
    parent: String,
    file: String,
    location: SourceLocation,
    number: Int64? = nil
  ) {
    self.kind = kind
    self.fullName = fullName
    self.parent = parent
    self.file = file
    self.location = location
    self.number = number
  }

  /// The last component of the name.
  package var name: Substring {
    fullName.split(separator: ".").last ?? Substring(fullName)
  }
}

/// Every symbol of a compilation by full name, and which files declare which packages.
package struct SymbolTable: Sendable {
  private var symbols: [String: Symbol] = [:]
  private var packageFiles: [String: Set<String>] = [:]

  /// Creates an empty table.
  package init() {}

  /// The symbol with this full name, whether or not it is visible from a given file.
  package func symbol(named fullName: String) -> Symbol? {
    symbols[fullName]
  }

  /// The symbol with this full name if a file in `visibleFiles` declares it (for packages:
  /// declares the package or one inside it).
  package func symbol(named fullName: String, visibleFrom visibleFiles: Set<String>) -> Symbol? {
    guard let symbol = symbols[fullName] else { return nil }
    if symbol.kind == .package {
      let files = packageFiles[fullName] ?? []
      return files.isDisjoint(with: visibleFiles) ? nil : symbol
    }
    return visibleFiles.contains(symbol.file) ? symbol : nil
  }

  /// Adds `symbol`, or returns the symbol already defined with that name.
  ///
  /// Packages may be declared by many files; a package never shares a name with anything else.
  package mutating func define(_ symbol: Symbol) -> Symbol? {
    if let existing = symbols[symbol.fullName] {
      if existing.kind == .package && symbol.kind == .package {
        packageFiles[symbol.fullName, default: []].insert(symbol.file)
        return nil
      }
      return existing
    }
    symbols[symbol.fullName] = symbol
    if symbol.kind == .package {
      packageFiles[symbol.fullName, default: []].insert(symbol.file)
    }
    return nil
  }
}

extension SchemaBuilder {
  /// The largest field number protobuf allows (2^29 - 1).
  static let maximumFieldNumber: Int64 = 536_870_911

  /// Builds a message declared in `scope` and everything nested in it.
  mutating func build(
    _ syntax: MessageSyntax,
    in scope: String,
    resolver: TypeResolver
  ) -> MessageType {
    let fullName = SymbolCollector.join(scope, syntax.name)
    let reserved = ReservedSet(
      syntax.reserved, bounds: 1...Self.maximumFieldNumber,
      boundsDescription: "field numbers must be between 1 and \(Self.maximumFieldNumber)")
    report(reserved.diagnostics)
    let fields = syntax.fields.map { build($0, in: fullName, resolver: resolver) }
    report(MessageValidator.check(syntax, fields: fields, reserved: reserved))
    return MessageType(
      name: syntax.name,
      fullName: fullName,
      documentation: syntax.documentation,
      fields: fields,
      oneofs: syntax.oneofs.map {
        Oneof(name: $0.name, documentation: $0.documentation, location: $0.location)
      },
      messages: syntax.messages.map { build($0, in: fullName, resolver: resolver) },
      enums: syntax.enums.map { build($0, in: fullName) },
      reservedNumbers: reserved.ranges,
      reservedNames: reserved.names,
      isDeprecated: syntax.isDeprecated,
      location: syntax.location)
  }

  /// Builds a field of the message `message`, resolving its type.
  private mutating func build(
    _ syntax: FieldSyntax,
    in message: String,
    resolver: TypeResolver
  ) -> Field {
    let label: Field.Label
    let type: FieldType
    switch syntax.type {
    case .named(let name):
      type = fieldType(name, in: message, resolver)
      switch syntax.label {
      case .optional: label = .optional
      case .repeated: label = .repeated
      case nil: label = .singular
      }
    case .map(let key, let value):
      label = .repeated
      type = .map(key: mapKeyType(key), value: fieldType(value, in: message, resolver))
    }
    return Field(
      name: syntax.name,
      number: Int32(clamping: syntax.number),
      label: label,
      type: type,
      oneofIndex: syntax.oneofIndex,
      packed: syntax.packed,
      isDeprecated: syntax.isDeprecated,
      documentation: syntax.documentation,
      location: syntax.location)
  }

  /// The type `name` refers to; a placeholder after an error.
  private mutating func fieldType(
    _ name: QualifiedName,
    in message: String,
    _ resolver: TypeResolver
  ) -> FieldType {
    switch resolve(name, in: message, resolver) {
    case .scalar(let scalar): return .scalar(scalar)
    case .type(let symbol) where symbol.kind == .enumeration: return .enumeration(symbol.fullName)
    case .type(let symbol): return .message(symbol.fullName)
    case nil: return .message("")
    }
  }

  /// The scalar key type `name` names, after reporting a type that cannot be a key.
  private mutating func mapKeyType(_ name: QualifiedName) -> ScalarType {
    if !name.isFullyQualified, name.components.count == 1,
      let scalar = ScalarType(rawValue: name.components[0]), scalar.isValidMapKey
    {
      return scalar
    }
    report(
      "invalid map key type '\(name)': a key must be an integer type, bool or string",
      at: name.location)
    return .string
  }
}

extension Parser {
  /// Parses a field, a map field or (when `oneof` is set) a oneof member, with its first
  /// token current.
  mutating func parseField(inOneof oneof: Int?) throws(Failure) -> FieldSyntax {
    let documentation = self.documentation
    let labelToken = current
    var label: FieldSyntax.Label?
    if labelToken.isIdentifier("required") {
      report("'required' fields are not supported in proto3", at: labelToken)
      throw Failure()
    }
    if labelToken.isIdentifier("optional") || labelToken.isIdentifier("repeated") {
      if oneof != nil {
        report("fields in a oneof cannot have a label ('\(labelToken.text)')", at: labelToken)
        throw Failure()
      }
      label = FieldSyntax.Label(rawValue: labelToken.text)
      advance()
    }
    let typeToken = current
    let type: FieldSyntax.TypeSyntax
    if typeToken.isIdentifier("map") && peek(1).isSymbol("<") {
      if oneof != nil {
        report("map fields are not allowed in a oneof", at: typeToken)
        throw Failure()
      }
      if label != nil {
        report(
          "'\(labelToken.text)' cannot be used on a map field: maps are already repeated",
          at: labelToken)
        label = nil
      }
      type = try parseMapType()
    } else {
      type = .named(try qualifiedName("field type"))
    }
    let name = try identifier("field name")
    try consume("=", "after field name")
    let (number, numberLocation) = try signedInteger("field number")
    var field = FieldSyntax(
      name: name.text, location: location(of: name), label: label, type: type, number: number,
      numberLocation: numberLocation, oneofIndex: oneof, documentation: documentation)
    if current.isSymbol("[") {
      for option in try parseOptionList() { apply(option, to: &field) }
    }
    if current.isSymbol("{"), case .named(let typeName) = type,
      typeName.description == "group"
    {
      report(
        "groups are not supported in proto3: declare a nested message instead",
        at: typeToken)
      throw Failure()
    }
    try consume(";", "after field declaration")
    return field
  }

  /// Parses `map<Key, Value>` with `map` current.
  private mutating func parseMapType() throws(Failure) -> FieldSyntax.TypeSyntax {
    advance()
    try consume("<", "after 'map'")
    let key = try qualifiedName("map key type")
    try consume(",", "after map key type")
    if current.isIdentifier("map") && peek(1).isSymbol("<") {
      report("map values cannot be maps: wrap the inner map in a message", at: current)
      throw Failure()
    }
    let value = try qualifiedName("map value type")
    try consume(">", "after map value type")
    return .map(key: key, value: value)
  }

  /// Applies one `[name = value]` field option; unknown standard options are ignored.
  private mutating func apply(_ option: OptionSyntax, to field: inout FieldSyntax) {
    switch option.name {
    case "deprecated":
      field.isDeprecated = requireBool(option)
    case "packed":
      field.packed = requireBool(option)
      field.packedLocation = option.location
    case "default":
      diagnostics.append(
        Diagnostic(
          .error, "default values are not supported in proto3 ('default' is a proto2 option)",
          at: option.location))
    default:
      break
    }
  }
}

extension Parser {
  /// Parses `enum Name { ... }` with `enum` current.
  mutating func parseEnum() throws(Failure) -> EnumSyntax {
    let documentation = self.documentation
    advance()
    let name = try identifier("enum name")
    var syntax = EnumSyntax(
      name: name.text, location: location(of: name), documentation: documentation)
    try parseBlock(closing: "enum '\(name.text)'") { parser throws(Failure) in
      try parser.parseEnumStatement(into: &syntax)
    }
    return syntax
  }

  /// Parses one statement of an enum body.
  private mutating func parseEnumStatement(into syntax: inout EnumSyntax) throws(Failure) {
    if consumeIfPresent(";") { return }
    if current.isIdentifier("option") {
      let option = try parseOptionStatement()
      switch option.name {
      case "deprecated":
        syntax.isDeprecated = requireBool(option)
      case "allow_alias":
        if requireBool(option) {
          diagnostics.append(
            Diagnostic(
              .error,
              "enum aliases are not supported: remove 'option allow_alias = true;' and give"
                + " every value its own number",
              at: option.location))
        }
      default:
        break
      }
      return
    }
    if current.isIdentifier("reserved") {
      syntax.reserved.append(try parseReserved(maximum: Int64(Int32.max)))
      return
    }
    syntax.values.append(try parseEnumValue(in: syntax.name))
  }

  /// Parses `NAME = number [options];`.
  private mutating func parseEnumValue(in enumName: String) throws(Failure) -> EnumValueSyntax {
    let documentation = self.documentation
    guard current.kind == .identifier else {
      throw unexpected("an enum value, 'option' or 'reserved' in enum '\(enumName)'")
    }
    let name = current
    advance()
    try consume("=", "after enum value name")
    let (number, numberLocation) = try signedInteger("enum value number")
    var value = EnumValueSyntax(
      name: name.text, location: location(of: name), number: number,
      numberLocation: numberLocation, documentation: documentation)
    if current.isSymbol("[") {
      for option in try parseOptionList() where option.name == "deprecated" {
        value.isDeprecated = requireBool(option)
      }
    }
    try consume(";", "after enum value")
    return value
  }
}

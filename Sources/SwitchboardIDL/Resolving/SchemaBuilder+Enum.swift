extension SchemaBuilder {
  /// Builds an enum declared in `scope`, checking its values.
  mutating func build(_ syntax: EnumSyntax, in scope: String) -> EnumType {
    let fullName = SymbolCollector.join(scope, syntax.name)
    let reserved = ReservedSet(
      syntax.reserved, bounds: Int64(Int32.min)...Int64(Int32.max),
      boundsDescription: "enum value numbers must fit in int32")
    report(reserved.diagnostics)
    report(EnumValidator.check(syntax, reserved: reserved))
    return EnumType(
      name: syntax.name,
      fullName: fullName,
      documentation: syntax.documentation,
      values: syntax.values.map { value in
        EnumValue(
          name: value.name, number: Int32(clamping: value.number),
          documentation: value.documentation, isDeprecated: value.isDeprecated,
          location: value.location)
      },
      reservedNumbers: reserved.ranges,
      reservedNames: reserved.names,
      isDeprecated: syntax.isDeprecated,
      location: syntax.location)
  }
}

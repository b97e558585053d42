import SwitchboardIDL

/// Translates a schema enum into a Swift enum with an `unrecognized` case.
struct EnumTranslator {
  let context: TranslationContext

  func translate(_ enumType: EnumType) -> SwiftDeclaration {
    let path = context.names.path(of: enumType.fullName)
    let name = path[path.count - 1]
    let cases = enumType.values.map { value in
      (value: value, name: SwiftNames.enumCaseName(value.name, enumName: enumType.name))
    }
    let access = context.access.map { $0 + " " } ?? ""
    var members: [SwiftDeclaration] = cases.map { entry in
      .enumCase(SwiftEnumCase(
        documentation: TranslationContext.documentation(entry.value.documentation, deprecated: entry.value.isDeprecated),
        name: entry.name,
        trailingComment: "= \(entry.value.number)"))
    }
    members.append(.enumCase(SwiftEnumCase(
      documentation: ["A number this schema does not know, kept so that it survives a round trip."],
      name: "unrecognized",
      associatedValue: "Int32")))
    let zero = cases.first.map { $0.name } ?? "unrecognized(0)"
    members.append(.function(SwiftFunction(
      documentation: ["The proto3 default, the value numbered 0."],
      signature: "\(access)init()",
      body: [.line("self = .\(zero)")])))
    members.append(.function(SwiftFunction(
      documentation: ["The case for a number; numbers this schema does not know are kept as `unrecognized`."],
      signature: "\(access)init(rawValue: Int32)",
      body: [.block("switch rawValue {",
        cases.map { .switchCase("case \($0.value.number): self = .\($0.name)", []) }
          + [.switchCase("default: self = .unrecognized(rawValue)", [])])])))
    members.append(.property(SwiftProperty(
      documentation: ["The number written on the wire."],
      access: context.access,
      name: "rawValue",
      type: "Int32",
      getter: [.block("switch self {",
        cases.map { .switchCase("case .\($0.name): return \($0.value.number)", []) }
          + [.switchCase("case .unrecognized(let number): return number", [])])])))
    members.append(.property(SwiftProperty(
      documentation: ["Every case the schema declares, in declaration order."],
      access: context.access,
      isStatic: true,
      isMutable: false,
      name: "allCases",
      type: "[\(name)]",
      initialValue: "[" + cases.map { ".\($0.name)" }.joined(separator: ", ") + "]")))
    return .type(SwiftTypeDeclaration(
      kind: .enum,
      name: name,
      documentation: TranslationContext.documentation(enumType.documentation, deprecated: enumType.isDeprecated),
      access: context.access,
      conformances: ["\(ValueCoding.runtime).WireEnum"],
      members: members))
  }
}

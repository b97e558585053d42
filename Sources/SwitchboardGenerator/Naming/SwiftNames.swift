import SwitchboardIDL

/// The Swift spelling of each kind of schema name, made safe in this one place.
enum SwiftNames {
  /// A message or enum type name as declared, with a suffix when it would shadow something
  /// generated code uses (`Type` → `TypeMessage`, `String` → `StringMessage`).
  static func typeName(_ name: String, suffix: String) -> String {
    if SwiftKeywords.reservedTypeNames.contains(name) || SwiftKeywords.quotable.contains(name) {
      return name + suffix
    }
    if name.hasSuffix(suffix), name.count > suffix.count {
      // `Type` became `TypeMessage`, so a declared `TypeMessage` must move on too.
      return typeName(String(name.dropLast(suffix.count)), suffix: suffix) + suffix
    }
    return name
  }

  /// A field or oneof property: `workspace_id` → `workspaceID`, `class` → `` `class` ``,
  /// `unknown_fields` → `unknownFields_p`.
  static func propertyName(_ protoName: String) -> String {
    let camel = CamelCase.lower(protoName)
    if SwiftKeywords.reservedPropertyNames.contains(camel) { return camel + "_p" }
    if SwiftKeywords.quotable.contains(camel) { return "`\(camel)`" }
    return camel
  }

  /// An rpc's method in the service and client stubs: `GetChat` → `getChat`,
  /// `Default` → `` `default` ``.
  static func methodName(_ rpcName: String) -> String {
    let camel = CamelCase.lower(rpcName)
    return SwiftKeywords.quotable.contains(camel) ? "`\(camel)`" : camel
  }

  /// The nested enum type of a oneof: `payload` → `OneOf_Payload`.
  static func oneofTypeName(_ protoName: String) -> String {
    "OneOf_" + CamelCase.upper(protoName)
  }

  /// A oneof case: the member field's name in lower camel case.
  static func oneofCaseName(_ protoName: String) -> String {
    caseName(CamelCase.lower(protoName))
  }

  /// An enum case: the enum's name stripped as a prefix, then lower camel case
  /// (`SECTION_ACTIVE` in `Section` → `active`).
  static func enumCaseName(_ valueName: String, enumName: String) -> String {
    let stripped = CamelCase.strippingPrefix(enumName, from: valueName) ?? valueName
    return caseName(CamelCase.lower(stripped))
  }

  private static func caseName(_ camel: String) -> String {
    if SwiftKeywords.reservedCaseNames.contains(camel) { return camel + "_" }
    if SwiftKeywords.quotable.contains(camel) { return "`\(camel)`" }
    return camel
  }

  /// A name without backticks, for comparing and for argument labels in messages.
  static func bare(_ name: String) -> String {
    name.hasPrefix("`") ? String(name.dropFirst().dropLast()) : name
  }
}

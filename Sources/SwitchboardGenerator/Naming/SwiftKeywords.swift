/// Words that cannot be used as they are in generated Swift, and what to do about them.
enum SwiftKeywords {
  /// Keywords that are valid identifiers only in backticks.
  static let quotable: Set<String> = [
    // declarations
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import",
    "init", "inout", "internal", "let", "open", "operator", "private", "precedencegroup",
    "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
    "package", "actor", "nonisolated", "borrowing", "consuming",
    // statements
    "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for",
    "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while",
    // expressions and types
    "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
  ]

  /// Names a generated type may not take: they would shadow what generated code refers to.
  static let reservedTypeNames: Set<String> = [
    "Swift", "SwitchboardRPC", "SwitchboardWire", "Type", "Protocol", "Equatable", "Hashable",
    "Sendable", "CaseIterable", "RawRepresentable",
    "Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16", "UInt32", "UInt64",
    "Float", "Double", "Bool", "String", "Character", "Array", "Dictionary", "Set", "Optional",
    "Error", "Hasher", "Never", "Void", "Collection", "Sequence",
  ]

  /// Property names the message API already uses.
  static let reservedPropertyNames: Set<String> = [
    "unknownFields", "serializedSize", "serializedBytes", "encode", "decodeFields", "merge",
    "hashValue", "hash", "description", "debugDescription", "init", "self", "Type", "Protocol",
  ]

  /// Enum case names the enum API already uses.
  static let reservedCaseNames: Set<String> = [
    "allCases", "rawValue", "init", "self", "hashValue", "hash", "description",
    "debugDescription",
  ]
}

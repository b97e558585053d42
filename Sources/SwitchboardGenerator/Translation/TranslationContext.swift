import SwitchboardIDL

/// What every translator needs: the names, the recursion facts and the access level.
struct TranslationContext {
  var names: SwiftNameTable
  var recursion: RecursionAnalysis
  var enumsByName: [String: EnumType]
  /// `public`, `package` or `internal` (written as nothing).
  var access: String?

  init(schema: Schema, names: SwiftNameTable, access: String?) {
    self.names = names
    self.recursion = RecursionAnalysis(schema: schema)
    self.access = access
    var enums: [String: EnumType] = [:]
    func collect(_ message: MessageType) {
      for enumType in message.enums { enums[enumType.fullName] = enumType }
      message.messages.forEach(collect)
    }
    for file in schema.files {
      for enumType in file.enums { enums[enumType.fullName] = enumType }
      file.messages.forEach(collect)
    }
    self.enumsByName = enums
  }

  /// The coding of a field type's values, with type names as seen from `scope`.
  func coding(of type: FieldType, from scope: [String]) -> ValueCoding {
    switch type {
    case .scalar(let scalar):
      return .scalar(scalar)
    case .enumeration(let fullName):
      let zero = enumsByName[fullName].flatMap { enumType in
        enumType.values.first.map { SwiftNames.enumCaseName($0.name, enumName: enumType.name) }
      }
      return .enumeration(names.reference(to: fullName, from: scope), zeroCase: zero ?? "init()")
    case .message(let fullName):
      return .message(names.reference(to: fullName, from: scope))
    case .map:
      preconditionFailure("maps are planned as fields, never as values")
    }
  }

  /// Joins documentation paragraphs with an empty `///` line between them.
  static func paragraphs(_ first: [String], _ second: [String]) -> [String] {
    first.isEmpty ? second : first + [""] + second
  }

  /// Schema documentation as `///` lines, with a note when the declaration is deprecated.
  static func documentation(_ text: String?, deprecated: Bool = false) -> [String] {
    var lines = text.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) } ?? []
    if deprecated {
      if !lines.isEmpty { lines.append("") }
      lines.append("- Note: Deprecated in the schema.")
    }
    return lines
  }
}

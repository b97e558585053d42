/// The rules on a message's fields that do not need other declarations: numbers in range,
/// not reserved and not shared, names not reserved, distinct JSON names, `packed` only where
/// it means something, and no empty oneof.
///
/// Duplicate names are found by the ``SymbolCollector``, and types by the ``TypeResolver``.
enum MessageValidator {
  /// The field numbers protobuf keeps for itself.
  static let implementationReserved: ClosedRange<Int64> = 19_000...19_999

  /// Checks `syntax`, whose fields were built into `fields` (same order).
  static func check(
    _ syntax: MessageSyntax,
    fields: [Field],
    reserved: ReservedSet
  ) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    func report(_ message: String, _ location: SourceLocation) {
      diagnostics.append(Diagnostic(.error, message, at: location))
    }
    var byNumber: [Int64: FieldSyntax] = [:]
    var byJSONName: [String: FieldSyntax] = [:]
    for (field, built) in zip(syntax.fields, fields) {
      let number = field.number
      if !(1...SchemaBuilder.maximumFieldNumber).contains(number) {
        report(
          "field number \(number) is out of range: field numbers must be between 1 and "
            + "\(SchemaBuilder.maximumFieldNumber)", field.numberLocation)
      } else if implementationReserved.contains(number) {
        report(
          "field number \(number) is in the range 19000 to 19999, which is reserved for the "
            + "protobuf implementation", field.numberLocation)
      } else if reserved.contains(number) {
        report("field '\(field.name)' uses reserved number \(number)", field.numberLocation)
      } else if let other = byNumber[number] {
        report(
          "field number \(number) is already used by field '\(other.name)' at line "
            + "\(other.location.line)", field.numberLocation)
      } else {
        byNumber[number] = field
      }
      if reserved.contains(field.name) {
        report("field name '\(field.name)' is reserved", field.location)
      }
      let jsonName = Self.jsonName(field.name)
      if let other = byJSONName[jsonName], other.name != field.name {
        report(
          "field '\(field.name)' has the same JSON name '\(jsonName)' as field '\(other.name)' "
            + "at line \(other.location.line)", field.location)
      } else if byJSONName[jsonName] == nil {
        byJSONName[jsonName] = field
      }
      if let packedLocation = field.packedLocation, !Self.isPackable(built) {
        report(
          "'packed' applies only to repeated fields of numeric, bool or enum type",
          packedLocation)
      }
    }
    for (index, oneof) in syntax.oneofs.enumerated()
    where !syntax.fields.contains(where: { $0.oneofIndex == index }) {
      report("oneof '\(oneof.name)' must have at least one field", oneof.location)
    }
    return diagnostics
  }

  /// Whether `[packed = ...]` is meaningful on `field`.
  private static func isPackable(_ field: Field) -> Bool {
    guard field.label == .repeated else { return false }
    switch field.type {
    case .scalar(let scalar): return scalar.isPackable
    case .enumeration: return true
    case .message, .map: return false
    }
  }

  /// protobuf's default JSON name: underscores removed, the letter after each capitalized.
  static func jsonName(_ name: String) -> String {
    var result = ""
    var capitalizeNext = false
    for character in name {
      if character == "_" {
        capitalizeNext = true
      } else if capitalizeNext {
        result += character.uppercased()
        capitalizeNext = false
      } else {
        result.append(character)
      }
    }
    return result
  }
}

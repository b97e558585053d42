/// The rules on an enum's values: at least one, the first zero, numbers in int32, no two
/// values sharing a number (aliases are not supported), nothing reserved used.
///
/// Duplicate value names, within the enum or its enclosing scope, are found by the
/// ``SymbolCollector``.
enum EnumValidator {
  /// Checks `syntax`.
  static func check(_ syntax: EnumSyntax, reserved: ReservedSet) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    func report(_ message: String, _ location: SourceLocation) {
      diagnostics.append(Diagnostic(.error, message, at: location))
    }
    guard let first = syntax.values.first else {
      report("enum '\(syntax.name)' must have at least one value", syntax.location)
      return diagnostics
    }
    if first.number != 0 {
      report(
        "the first value of enum '\(syntax.name)' must be 0 in proto3, found \(first.number)",
        first.numberLocation)
    }
    var byNumber: [Int64: EnumValueSyntax] = [:]
    for value in syntax.values {
      let number = value.number
      if Int32(exactly: number) == nil {
        report(
          "enum value number \(number) is out of range: enum value numbers must fit in int32",
          value.numberLocation)
      } else if reserved.contains(number) {
        report("enum value '\(value.name)' uses reserved number \(number)", value.numberLocation)
      } else if let other = byNumber[number] {
        report(
          "enum value number \(number) is already used by '\(other.name)' at line "
            + "\(other.location.line) (aliases are not supported)", value.numberLocation)
      } else {
        byNumber[number] = value
      }
      if reserved.contains(value.name) {
        report("enum value name '\(value.name)' is reserved", value.location)
      }
    }
    return diagnostics
  }
}

/// One option, from an `option name = value;` statement or a `[name = value]` list.
package struct OptionSyntax: Sendable, Hashable {
  /// The value of an option, as written.
  package enum Value: Sendable, Hashable {
    /// An identifier: `true`, `false`, `SPEED`, `inf`.
    case identifier(String)
    /// A number, sign included, as written.
    case number(String)
    /// A string (adjacent literals concatenated).
    case string(String)
    /// A `{ ... }` message value in text format (its content is not kept).
    case aggregate
  }

  /// The dotted option name (`deprecated`, `java_package`, `features.field_presence`).
  package var name: String
  /// Where the name is.
  package var location: SourceLocation
  /// The value.
  package var value: Value
  /// Where the value is.
  package var valueLocation: SourceLocation

  /// The value when it is `true` or `false`.
  package var boolValue: Bool? {
    switch value {
    case .identifier("true"): return true
    case .identifier("false"): return false
    default: return nil
    }
  }
}

extension Parser {
  /// Parses `option name = value;` with `option` current.
  mutating func parseOptionStatement() throws(Failure) -> OptionSyntax {
    advance()
    let option = try parseOption()
    try consume(";", "after option")
    return option
  }

  /// Parses a `[name = value, ...]` list with `[` current.
  mutating func parseOptionList() throws(Failure) -> [OptionSyntax] {
    try consume("[", "to open options")
    var options = [try parseOption()]
    while consumeIfPresent(",") {
      options.append(try parseOption())
    }
    try consume("]", "after options")
    return options
  }

  /// Parses `name = value`; custom `(...)` names are reported as unsupported.
  mutating func parseOption() throws(Failure) -> OptionSyntax {
    if current.isSymbol("(") { throw reportCustomOption() }
    let nameToken = current
    let name = try qualifiedName("option name")
    if name.isFullyQualified {
      report("expected option name, found '.'", at: nameToken)
      throw Failure()
    }
    if current.isSymbol(".") && peek(1).isSymbol("(") {
      advance()
      throw reportCustomOption()
    }
    try consume("=", "after option name")
    let valueLocation = here
    let value = try parseOptionValue()
    return OptionSyntax(
      name: name.components.joined(separator: "."), location: name.location, value: value,
      valueLocation: valueLocation)
  }

  /// Reports a custom option whose `(` is current, naming it when it is well formed.
  private mutating func reportCustomOption() -> Failure {
    let open = current
    var name = ""
    var distance = 1
    while peek(distance).kind == .identifier || peek(distance).isSymbol(".") {
      name += peek(distance).text
      distance += 1
    }
    let shown = peek(distance).isSymbol(")") && !name.isEmpty ? " '(\(name))'" : ""
    report("custom options\(shown) are not supported", at: open)
    return Failure()
  }

  /// Parses an option value: identifier, signed number, string(s) or a `{ }` aggregate.
  mutating func parseOptionValue() throws(Failure) -> OptionSyntax.Value {
    switch current.kind {
    case .identifier:
      defer { advance() }
      return .identifier(current.text)
    case .integer, .float:
      defer { advance() }
      return .number(current.text)
    case .string:
      var text = ""
      while current.kind == .string {
        text += current.value
        advance()
      }
      return .string(text)
    case .symbol where current.isSymbol("-") || current.isSymbol("+"):
      let sign = current.text == "-" ? "-" : ""
      advance()
      guard [.integer, .float, .identifier].contains(current.kind) else {
        throw unexpected("number after '\(sign.isEmpty ? "+" : sign)'")
      }
      defer { advance() }
      return .number(sign + current.text)
    case .symbol where current.isSymbol("{"):
      skipBlock()
      return .aggregate
    default:
      throw unexpected("option value")
    }
  }

  /// The boolean value of `option`, or reports that it must be `true` or `false`.
  mutating func requireBool(_ option: OptionSyntax) -> Bool {
    if let value = option.boolValue { return value }
    diagnostics.append(
      Diagnostic(.error, "option '\(option.name)' must be true or false", at: option.valueLocation)
    )
    return false
  }
}

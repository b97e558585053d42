/// Small text helpers shared by the validating types.
extension String {
  /// The text without leading and trailing whitespace and newlines.
  var trimmed: String {
    let characters = Substring(self)
    guard let first = characters.firstIndex(where: { !$0.isWhitespace }) else { return "" }
    let last = characters.lastIndex(where: { !$0.isWhitespace })!
    return String(characters[first...last])
  }

  /// The text quoted for an error message, shortened when long so the message stays readable.
  var quoted: String {
    count > 40 ? "'\(prefix(37))...'" : "'\(self)'"
  }

  /// Whether the text holds a control character (newline and tab included).
  var hasControlCharacter: Bool {
    unicodeScalars.contains { $0.properties.generalCategory == .control }
  }
}

/// Small text helpers shared by the validating types.
extension String {
  /// The text without leading and trailing whitespace and newlines.
  var trimmed: String {
    // Most text is ASCII, where whitespace is six byte values: a byte scan, and no copy when
    // there is nothing to trim, instead of a Unicode property lookup per character.
    if isASCII {
      let bytes = utf8
      guard let first = bytes.firstIndex(where: { !$0.isASCIIWhitespace }) else { return "" }
      let last = bytes.lastIndex(where: { !$0.isASCIIWhitespace })!
      if first == bytes.startIndex, bytes.index(after: last) == bytes.endIndex { return self }
      return String(self[first...last])
    }
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
    if isASCII { return utf8.contains { $0 < 0x20 || $0 == 0x7F } }
    return unicodeScalars.contains { $0.properties.generalCategory == .control }
  }

  /// Whether the text holds a space, tab, newline or other whitespace.
  var hasWhitespace: Bool {
    if isASCII { return utf8.contains { $0.isASCIIWhitespace } }
    return contains(where: \.isWhitespace)
  }

  /// Whether every byte of the text is ASCII, where the checks above have byte-level answers.
  var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}

extension UInt8 {
  /// Space, tab, line feed, vertical tab, form feed or carriage return: the ASCII characters
  /// `Character.isWhitespace` accepts.
  fileprivate var isASCIIWhitespace: Bool { self == 0x20 || (0x09...0x0D).contains(self) }
}

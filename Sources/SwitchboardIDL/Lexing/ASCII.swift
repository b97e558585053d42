/// Byte constants and character classes the lexer works with.
enum ASCII {
  static let tab: UInt8 = 0x09
  static let newline: UInt8 = 0x0A
  static let verticalTab: UInt8 = 0x0B
  static let formFeed: UInt8 = 0x0C
  static let carriageReturn: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let doubleQuote: UInt8 = 0x22
  static let singleQuote: UInt8 = 0x27
  static let plus: UInt8 = 0x2B
  static let minus: UInt8 = 0x2D
  static let dot: UInt8 = 0x2E
  static let slash: UInt8 = 0x2F
  static let star: UInt8 = 0x2A
  static let backslash: UInt8 = 0x5C
  static let zero: UInt8 = 0x30
  static let underscore: UInt8 = 0x5F

  static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

  static func isOctalDigit(_ byte: UInt8) -> Bool { (0x30...0x37).contains(byte) }

  static func isLetter(_ byte: UInt8) -> Bool {
    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
  }

  static func isHexDigit(_ byte: UInt8) -> Bool { hexValue(byte) != nil }

  static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case 0x30...0x39: return UInt32(byte - 0x30)
    case 0x41...0x46: return UInt32(byte - 0x41 + 10)
    case 0x61...0x66: return UInt32(byte - 0x61 + 10)
    default: return nil
    }
  }

  static func isIdentifierStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte == underscore }

  static func isIdentifierPart(_ byte: UInt8) -> Bool {
    isIdentifierStart(byte) || isDigit(byte)
  }

  /// The length of the UTF-8 sequence that starts with `leadByte` (1 for stray bytes).
  static func utf8SequenceLength(leadByte: UInt8) -> Int {
    switch leadByte {
    case 0xC2...0xDF: return 2
    case 0xE0...0xEF: return 3
    case 0xF0...0xF4: return 4
    default: return 1
    }
  }

  /// Whether `text` is a valid identifier (`[A-Za-z_][A-Za-z0-9_]*`).
  static func isIdentifier(_ text: String) -> Bool {
    var bytes = text.utf8.makeIterator()
    guard let first = bytes.next(), isIdentifierStart(first) else { return false }
    while let byte = bytes.next() {
      guard isIdentifierPart(byte) else { return false }
    }
    return true
  }
}

extension Lexer {
  // MARK: - Numbers

  /// Lexes a decimal, octal or hexadecimal integer, or a float; a number run into letters
  /// (`12ab`) or a bad octal (`09`) is one invalid token.
  mutating func lexNumber(start: Int, column: Int) {
    var isFloat = false
    var isHex = false
    if peek() == ASCII.zero, let x = peek(at: 1), x == 0x78 || x == 0x58 {
      isHex = true
      advance(by: 2)
      while let byte = peek(), ASCII.isHexDigit(byte) { advance() }
    } else {
      while let byte = peek(), ASCII.isDigit(byte) { advance() }
      if peek() == ASCII.dot {
        isFloat = true
        advance()
        while let byte = peek(), ASCII.isDigit(byte) { advance() }
      }
      if let e = peek(), e == 0x65 || e == 0x45, hasExponentDigits() {
        isFloat = true
        advance()
        if let sign = peek(), sign == ASCII.plus || sign == ASCII.minus { advance() }
        while let byte = peek(), ASCII.isDigit(byte) { advance() }
      }
    }
    var malformed = isHex && offset == start + 2
    while let byte = peek(), ASCII.isIdentifierPart(byte) {
      malformed = true
      advance()
    }
    let text = string(from: start)
    if !malformed && !isHex && !isFloat && text.utf8.count > 1 && text.utf8.first == ASCII.zero {
      malformed = !text.utf8.allSatisfy(ASCII.isOctalDigit)
    }
    if malformed {
      report("invalid number '\(text)'", line: line, column: column)
      append(.invalid, from: start, column: column)
    } else {
      append(isFloat ? .float : .integer, from: start, column: column)
    }
  }

  /// Whether the `e` at the cursor starts an exponent: digits, optionally after a sign.
  private func hasExponentDigits() -> Bool {
    guard let next = peek(at: 1) else { return false }
    if ASCII.isDigit(next) { return true }
    guard next == ASCII.plus || next == ASCII.minus, let digit = peek(at: 2) else { return false }
    return ASCII.isDigit(digit)
  }

  // MARK: - Strings

  /// Lexes a string literal in `quote`s, decoding C-style escapes; strings end at the line.
  mutating func lexString(quote: UInt8, start: Int, column: Int) {
    advance()
    var decoded: [UInt8] = []
    while true {
      guard let byte = peek(), byte != ASCII.newline else {
        report("unterminated string literal", line: line, column: column)
        append(.invalid, from: start, column: column)
        return
      }
      if byte == quote {
        advance()
        break
      }
      if byte == ASCII.backslash {
        lexEscape(into: &decoded)
      } else {
        decoded.append(byte)
        advance()
      }
    }
    let value = String(decoding: decoded, as: UTF8.self)
    append(.string, from: start, column: column, value: value)
  }

  /// Decodes the escape sequence at the cursor (which is on the backslash).
  private mutating func lexEscape(into decoded: inout [UInt8]) {
    let escapeColumn = column
    advance()
    guard let letter = peek(), letter != ASCII.newline else { return }
    advance()
    switch letter {
    case 0x61: decoded.append(0x07)  // \a
    case 0x62: decoded.append(0x08)  // \b
    case 0x66: decoded.append(0x0C)  // \f
    case 0x6E: decoded.append(0x0A)  // \n
    case 0x72: decoded.append(0x0D)  // \r
    case 0x74: decoded.append(0x09)  // \t
    case 0x76: decoded.append(0x0B)  // \v
    case ASCII.backslash, ASCII.singleQuote, ASCII.doubleQuote, 0x3F:
      decoded.append(letter)
    case 0x30...0x37:
      var value = UInt32(letter - ASCII.zero)
      var count = 1
      while count < 3, let digit = peek(), ASCII.isOctalDigit(digit) {
        value = value * 8 + UInt32(digit - ASCII.zero)
        count += 1
        advance()
      }
      guard value <= 0xFF else {
        report("octal escape out of range", line: line, column: escapeColumn)
        return
      }
      decoded.append(UInt8(value))
    case 0x78, 0x58:  // \x
      guard let value = hexDigits(maximum: 2, exactly: false) else {
        report("'\\x' escape needs a hexadecimal digit", line: line, column: escapeColumn)
        return
      }
      decoded.append(UInt8(truncatingIfNeeded: value))
    case 0x75, 0x55:  // \u, \U
      let width = letter == 0x75 ? 4 : 8
      guard let value = hexDigits(maximum: width, exactly: true),
        let scalar = Unicode.Scalar(value)
      else {
        report(
          "invalid Unicode escape; expected \(width) hexadecimal digits of a code point",
          line: line, column: escapeColumn)
        return
      }
      decoded.append(contentsOf: Array(String(Character(scalar)).utf8))
    default:
      let shown = String(decoding: [letter], as: UTF8.self)
      report("invalid escape sequence '\\\(shown)'", line: line, column: escapeColumn)
      decoded.append(letter)
    }
  }

  /// Reads up to `maximum` hex digits (exactly that many when `exactly`), or returns `nil`.
  private mutating func hexDigits(maximum: Int, exactly: Bool) -> UInt32? {
    var value: UInt32 = 0
    var count = 0
    while count < maximum, let byte = peek(), let digit = ASCII.hexValue(byte) {
      value = value &* 16 &+ digit
      count += 1
      advance()
    }
    if count == 0 || (exactly && count != maximum) { return nil }
    return value
  }
}

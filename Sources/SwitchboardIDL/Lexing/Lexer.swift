/// Splits schema text into tokens, keeping comments and reporting malformed input.
///
/// The lexer never stops early: a stray character or an unterminated literal becomes an
/// ``Token/Kind/invalid`` token plus a diagnostic, and lexing goes on after it. The last
/// token is always ``Token/Kind/endOfFile``.
package struct Lexer {
  /// The result of lexing one file.
  package struct Output: Sendable {
    /// Every token, comments included, ending with an end-of-file token.
    package var tokens: [Token]
    /// Problems found in the text.
    package var diagnostics: [Diagnostic]
  }

  let bytes: [UInt8]
  let file: String
  var offset = 0
  var line = 1
  var lineStart = 0
  var tokens: [Token] = []
  var diagnostics: [Diagnostic] = []

  /// Creates a lexer for `text`, read from the root-relative path `file`.
  package init(text: String, file: String) {
    self.bytes = Array(text.utf8)
    self.file = file
  }

  /// Lexes `text` in one go.
  package static func tokenize(_ text: String, file: String) -> Output {
    var lexer = Lexer(text: text, file: file)
    return lexer.run()
  }

  /// Lexes the whole input.
  package mutating func run() -> Output {
    while let byte = peek() {
      let start = offset
      let startLine = line
      let startColumn = column
      switch byte {
      case ASCII.newline:
        advance()
        line += 1
        lineStart = offset
      case ASCII.space, ASCII.tab, ASCII.carriageReturn, ASCII.verticalTab, ASCII.formFeed:
        advance()
      case ASCII.slash where peek(at: 1) == ASCII.slash:
        lexLineComment(start: start, column: startColumn)
      case ASCII.slash where peek(at: 1) == ASCII.star:
        lexBlockComment(start: start, line: startLine, column: startColumn)
      case _ where ASCII.isIdentifierStart(byte):
        while let next = peek(), ASCII.isIdentifierPart(next) { advance() }
        append(.identifier, from: start, column: startColumn)
      case _ where ASCII.isDigit(byte):
        lexNumber(start: start, column: startColumn)
      case ASCII.dot where peek(at: 1).map(ASCII.isDigit) == true:
        lexNumber(start: start, column: startColumn)
      case ASCII.doubleQuote, ASCII.singleQuote:
        lexString(quote: byte, start: start, column: startColumn)
      case 0x21...0x7E:
        advance()
        append(.symbol, from: start, column: startColumn)
      default:
        lexUnexpectedCharacter(start: start, column: startColumn)
      }
    }
    tokens.append(Token(.endOfFile, "", line: line, column: column))
    return Output(tokens: tokens, diagnostics: diagnostics)
  }

  // MARK: - Comments

  private mutating func lexLineComment(start: Int, column: Int) {
    while let byte = peek(), byte != ASCII.newline { advance() }
    let text = string(from: start)
    let body = string(from: start + 2)
    tokens.append(Token(.comment, text, value: body, line: line, column: column))
  }

  private mutating func lexBlockComment(start: Int, line startLine: Int, column: Int) {
    advance(by: 2)
    var closed = false
    while let byte = peek() {
      if byte == ASCII.star && peek(at: 1) == ASCII.slash {
        advance(by: 2)
        closed = true
        break
      }
      advance()
      if byte == ASCII.newline {
        line += 1
        lineStart = offset
      }
    }
    let text = string(from: start)
    let bodyEnd = closed ? offset - 2 : offset
    let body = String(decoding: bytes[(start + 2)..<max(start + 2, bodyEnd)], as: UTF8.self)
    if !closed {
      report("unterminated block comment; expected '*/'", line: startLine, column: column)
    }
    tokens.append(
      Token(.comment, text, value: body, line: startLine, column: column, endLine: line)
    )
  }

  // MARK: - Stray characters

  private mutating func lexUnexpectedCharacter(start: Int, column: Int) {
    let byte = bytes[start]
    let length = ASCII.utf8SequenceLength(leadByte: byte)
    advance(by: length)
    let text = string(from: start)
    let shown = byte < 0x20 || byte == 0x7F ? "\\u{\(String(byte, radix: 16))}" : text
    report("unexpected character '\(shown)'", line: line, column: column)
    tokens.append(Token(.invalid, text, line: line, column: column))
  }

  // MARK: - Cursor

  var column: Int { offset - lineStart + 1 }

  func peek(at distance: Int = 0) -> UInt8? {
    let index = offset + distance
    return index < bytes.count ? bytes[index] : nil
  }

  mutating func advance(by count: Int = 1) {
    offset = min(offset + count, bytes.count)
  }

  func string(from start: Int) -> String {
    String(decoding: bytes[start..<offset], as: UTF8.self)
  }

  mutating func append(_ kind: Token.Kind, from start: Int, column: Int, value: String? = nil) {
    tokens.append(Token(kind, string(from: start), value: value, line: line, column: column))
  }

  mutating func report(_ message: String, line: Int, column: Int) {
    let location = SourceLocation(file: file, line: line, column: column)
    diagnostics.append(Diagnostic(.error, message, at: location))
  }
}

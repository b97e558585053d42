/// A recursive-descent parser for the proto3 subset, producing a ``FileSyntax``.
///
/// Every statement is parsed on its own: when one is malformed the parser reports what it
/// expected and what it found, skips to the end of the statement (the next `;`, a whole
/// `{ }` block, or the `}` closing the enclosing block) and carries on, so every syntax error
/// of a file is reported. Constructs outside the subset (`extend`, `group`, `required`,
/// `extensions`, custom options, proto2, editions) are reported by name.
package struct Parser {
  /// The result of parsing one file.
  package struct Output: Sendable {
    /// The syntax tree; partial when there were errors.
    package var file: FileSyntax
    /// Lexical and syntax errors, in the order found.
    package var diagnostics: [Diagnostic]
  }

  /// Thrown inside the parser once a syntax error has been reported, to unwind to the
  /// statement being parsed, which then skips to its end.
  struct Failure: Error {}

  /// How deeply messages may nest, so that hostile input cannot exhaust the stack.
  static let maximumNesting = 64

  let tokens: [Token]
  /// Indices into `tokens` of every token that is not a comment.
  let significant: [Int]
  var position = 0
  let path: String
  var diagnostics: [Diagnostic] = []

  /// Creates a parser over already lexed tokens (the last must be end-of-file).
  package init(tokens: [Token], path: String) {
    var tokens = tokens
    if tokens.last?.kind != .endOfFile {
      tokens.append(Token(.endOfFile, "", line: tokens.last?.endLine ?? 1, column: 1))
    }
    self.tokens = tokens
    self.significant = tokens.indices.filter { tokens[$0].kind != .comment }
    self.path = path
  }

  /// Lexes and parses `text`, read from the root-relative `path`.
  package static func parse(_ text: String, path: String) -> Output {
    let lexed = Lexer.tokenize(text, file: path)
    var parser = Parser(tokens: lexed.tokens, path: path)
    let file = parser.parseFile()
    return Output(file: file, diagnostics: lexed.diagnostics + parser.diagnostics)
  }

  // MARK: - Cursor

  /// The current token (never a comment).
  var current: Token { peek(0) }

  /// The significant token `distance` ahead of the current one (end-of-file past the end).
  func peek(_ distance: Int) -> Token {
    let index = min(position + distance, significant.count - 1)
    return tokens[significant[index]]
  }

  /// Whether the current token is the end of the input.
  var atEnd: Bool { current.kind == .endOfFile }

  /// Moves to the next significant token; stays on end-of-file.
  mutating func advance() {
    if position < significant.count - 1 { position += 1 }
  }

  /// The documentation comment above the current token.
  var documentation: String? {
    DocumentationComment.leading(tokens, before: significant[position])
  }

  /// Where `token` is.
  func location(of token: Token) -> SourceLocation {
    SourceLocation(file: path, line: token.line, column: token.column)
  }

  /// Where the current token is.
  var here: SourceLocation { location(of: current) }

  // MARK: - Reporting

  /// Records an error at `token`, unless the token is one the lexer already reported.
  mutating func report(_ message: String, at token: Token) {
    guard token.kind != .invalid else { return }
    diagnostics.append(Diagnostic(.error, message, at: location(of: token)))
  }

  /// Records `expected X, found Y` at the current token and returns the failure to throw.
  mutating func unexpected(_ expected: String) -> Failure {
    report("expected \(expected), found \(current.quotedForDiagnostic)", at: current)
    return Failure()
  }

  // MARK: - Expectations

  /// Consumes the symbol `symbol` or reports `expected 'symbol' context, found ...`.
  mutating func consume(_ symbol: String, _ context: String) throws(Failure) {
    guard current.isSymbol(symbol) else { throw unexpected("'\(symbol)' \(context)") }
    advance()
  }

  /// Consumes the symbol `symbol` when it is next.
  mutating func consumeIfPresent(_ symbol: String) -> Bool {
    guard current.isSymbol(symbol) else { return false }
    advance()
    return true
  }

  /// Consumes an identifier, described as `what` (`message name`) in an error.
  mutating func identifier(_ what: String) throws(Failure) -> Token {
    guard current.kind == .identifier else { throw unexpected(what) }
    defer { advance() }
    return current
  }

  /// Consumes a possibly dotted, possibly fully qualified name (`a.b.C`, `.a.B`).
  mutating func qualifiedName(_ what: String) throws(Failure) -> QualifiedName {
    let start = here
    let isFullyQualified = consumeIfPresent(".")
    var components = [try identifier(what).text]
    while current.isSymbol(".") {
      advance()
      components.append(try identifier("identifier after '.'").text)
    }
    return QualifiedName(
      components: components, isFullyQualified: isFullyQualified, location: start)
  }

  /// Consumes an integer, optionally preceded by `-`, described as `what` in an error.
  mutating func signedInteger(_ what: String) throws(Failure) -> (Int64, SourceLocation) {
    let start = here
    let negative = consumeIfPresent("-")
    guard current.kind == .integer else { throw unexpected(what) }
    let token = current
    guard let magnitude = Self.integerValue(token.text),
      magnitude <= UInt64(Int64.max) || (negative && magnitude == UInt64(Int64.max) + 1)
    else {
      report("integer \(negative ? "-" : "")\(token.text) is too large", at: token)
      throw Failure()
    }
    advance()
    let value = negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude)
    return (value, start)
  }

  /// The value of a decimal, octal (`017`) or hexadecimal (`0x1F`) literal, or `nil` on
  /// overflow.
  static func integerValue(_ text: String) -> UInt64? {
    if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
    if text.count > 1 && text.hasPrefix("0") { return UInt64(text.dropFirst(), radix: 8) }
    return UInt64(text, radix: 10)
  }

  // MARK: - Recovery

  /// Skips the rest of a malformed statement: through the next `;`, through a whole `{ }`
  /// block, or up to (not through) a `}` closing the enclosing block.
  mutating func skipStatement() {
    while !atEnd {
      if current.isSymbol(";") {
        advance()
        return
      }
      if current.isSymbol("}") { return }
      if current.isSymbol("{") {
        skipBlock()
        return
      }
      advance()
    }
  }

  /// Skips a `{ }` block, the current token being its `{`, nested blocks included.
  mutating func skipBlock() {
    var depth = 0
    while !atEnd {
      if current.isSymbol("{") { depth += 1 }
      if current.isSymbol("}") { depth -= 1 }
      advance()
      if depth == 0 { return }
    }
  }

  /// Parses the statements of a `{ }` block whose `{` is current, calling `statement` for
  /// each until the closing `}`; a failing statement is skipped, and every turn makes progress.
  mutating func parseBlock(
    closing description: String,
    _ statement: (inout Parser) throws(Failure) -> Void
  ) throws(Failure) {
    try consume("{", "to open \(description)")
    while true {
      if consumeIfPresent("}") { return }
      if atEnd {
        report("expected '}' to close \(description), found end of file", at: current)
        return
      }
      let start = position
      do {
        try statement(&self)
      } catch {
        skipStatement()
      }
      if position == start && !current.isSymbol("}") { advance() }
    }
  }
}

/// One token of a schema file, with the place it starts.
///
/// Comments are tokens too, so that the parser can turn the comment block above a declaration
/// into its documentation; the parser skips them everywhere else.
package struct Token: Sendable, Hashable {
  /// What kind of token this is.
  package enum Kind: Sendable, Hashable {
    /// A name or keyword: letters, digits and `_`, not starting with a digit.
    case identifier
    /// An integer literal in decimal, octal (`017`) or hexadecimal (`0x1F`) form.
    case integer
    /// A floating-point literal (`1.5`, `2e10`, `.5`).
    case float
    /// A string literal in single or double quotes; ``Token/value`` holds the decoded text.
    case string
    /// A single punctuation character (`;`, `{`, `=`, ...).
    case symbol
    /// A `//` line comment or a `/* */` block comment; ``Token/value`` holds its text without
    /// the markers.
    case comment
    /// Malformed input (a stray character, an unterminated string, a bad number); the lexer
    /// has already reported it, so the parser recovers without a second diagnostic.
    case invalid
    /// The end of the input; its text is empty.
    case endOfFile
  }

  /// The kind.
  package var kind: Kind
  /// The token exactly as written in the source.
  package var text: String
  /// The decoded content of a string literal or the inside of a comment; otherwise `text`.
  package var value: String
  /// 1-based line of the first character.
  package var line: Int
  /// 1-based column of the first character, in UTF-8 bytes.
  package var column: Int
  /// 1-based line of the last character (differs from `line` only for block comments).
  package var endLine: Int

  /// Creates a token.
  package init(
    _ kind: Kind,
    _ text: String,
    value: String? = nil,
    line: Int,
    column: Int,
    endLine: Int? = nil
  ) {
    self.kind = kind
    self.text = text
    self.value = value ?? text
    self.line = line
    self.column = column
    self.endLine = endLine ?? line
  }

  /// Whether this is the symbol `character`.
  package func isSymbol(_ character: String) -> Bool {
    kind == .symbol && text == character
  }

  /// Whether this is the identifier or keyword `word`.
  package func isIdentifier(_ word: String) -> Bool {
    kind == .identifier && text == word
  }

  /// How the token is named in "found ..." parts of syntax errors.
  package var quotedForDiagnostic: String {
    switch kind {
    case .endOfFile: return "end of file"
    case .string: return "string \(text)"
    default: return "'\(text)'"
    }
  }
}

import SwitchboardIDL
import Testing

@Suite struct LexerTests {
  /// `kind text @line:column` for each token, end of file left out.
  private func tokens(_ text: String) -> [String] {
    Lexer.tokenize(text, file: "t.proto").tokens.dropLast().map { token in
      "\(token.kind) \(token.text) @\(token.line):\(token.column)"
    }
  }

  private func errors(_ text: String) -> [String] {
    Lexer.tokenize(text, file: "t.proto").diagnostics.map(shortForm)
  }

  @Test func identifiersSymbolsAndPositions() {
    #expect(
      tokens("message Foo {\n  int32 a_1 = 1;\n}") == [
        "identifier message @1:1", "identifier Foo @1:9", "symbol { @1:13",
        "identifier int32 @2:3", "identifier a_1 @2:9", "symbol = @2:13", "integer 1 @2:15",
        "symbol ; @2:16", "symbol } @3:1",
      ])
  }

  @Test func dottedNamesAreIdentifiersAndDots() {
    #expect(
      tokens(".a.B") == [
        "symbol . @1:1", "identifier a @1:2", "symbol . @1:3", "identifier B @1:4",
      ]
    )
  }

  @Test func numbers() {
    #expect(
      tokens("0 42 0x1F 017 1.5 .5 2e10 3E-2 1.") == [
        "integer 0 @1:1", "integer 42 @1:3", "integer 0x1F @1:6", "integer 017 @1:11",
        "float 1.5 @1:15", "float .5 @1:19", "float 2e10 @1:22", "float 3E-2 @1:27",
        "float 1. @1:32",
      ])
  }

  @Test func malformedNumbersAreOneInvalidToken() {
    #expect(
      tokens("12ab 09 0x;") == [
        "invalid 12ab @1:1", "invalid 09 @1:6", "invalid 0x @1:9", "symbol ; @1:11",
      ])
    #expect(
      errors("12ab 09 0x") == [
        "1:1: error: invalid number '12ab'", "1:6: error: invalid number '09'",
        "1:9: error: invalid number '0x'",
      ])
  }

  @Test func stringsDecodeEscapes() {
    let lexed = Lexer.tokenize(#"'it\'s' "a\tb\n\x41\101\u00e9\?" "\U0001F600""#, file: "t")
    #expect(lexed.diagnostics.isEmpty)
    #expect(lexed.tokens.map(\.value).dropLast() == ["it's", "a\tb\nAAé?", "😀"])
    #expect(lexed.tokens.map(\.kind).dropLast() == [.string, .string, .string])
  }

  @Test func badEscapesAreReportedAndLexingGoesOn() {
    #expect(
      errors(#""a\qb" "\x" "\u12" x"#) == [
        #"1:3: error: invalid escape sequence '\q'"#,
        #"1:9: error: '\x' escape needs a hexadecimal digit"#,
        "1:14: error: invalid Unicode escape; expected 4 hexadecimal digits of a code point",
      ])
  }

  @Test func unterminatedStringStopsAtTheEndOfTheLine() {
    #expect(tokens("\"abc\nfoo") == ["invalid \"abc @1:1", "identifier foo @2:1"])
    #expect(errors("x = \"abc\nfoo") == ["1:5: error: unterminated string literal"])
  }

  @Test func commentsAreTokensWithTheirText() {
    let lexed = Lexer.tokenize("a // one\n/* two\n three */ b", file: "t")
    #expect(lexed.tokens.map(\.kind) == [.identifier, .comment, .comment, .identifier, .endOfFile])
    #expect(lexed.tokens[1].value == " one")
    #expect(lexed.tokens[2].value == " two\n three ")
    #expect(lexed.tokens[2].line == 2)
    #expect(lexed.tokens[2].endLine == 3)
    #expect(lexed.tokens[3].line == 3)
    #expect(lexed.tokens[3].column == 11)
  }

  @Test func unterminatedBlockComment() {
    #expect(
      errors("a /* never closed") == ["1:3: error: unterminated block comment; expected '*/'"])
  }

  @Test func strayCharactersAreReported() {
    #expect(tokens("a \u{7} é") == ["identifier a @1:1", "invalid \u{7} @1:3", "invalid é @1:5"])
    #expect(
      errors("a \u{7} é") == [
        "1:3: error: unexpected character '\\u{7}'", "1:5: error: unexpected character 'é'",
      ])
  }

  @Test func columnsCountUTF8Bytes() {
    #expect(tokens("\"é\" x") == ["string \"é\" @1:1", "identifier x @1:6"])
  }

  @Test func endOfFileIsAlwaysLast() {
    let lexed = Lexer.tokenize("a\n", file: "t")
    #expect(lexed.tokens.last?.kind == .endOfFile)
    #expect(lexed.tokens.last?.line == 2)
    #expect(Lexer.tokenize("", file: "t").tokens.map(\.kind) == [.endOfFile])
  }
}

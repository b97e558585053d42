import SwitchboardIDL
import Testing

@Suite struct DocumentationCommentTests {
  /// The documentation for the last token spelled `target`.
  private func documentation(_ text: String, for target: String) -> String? {
    let tokens = Lexer.tokenize(text, file: "t").tokens
    guard let index = tokens.lastIndex(where: { $0.text == target }) else { return nil }
    return DocumentationComment.leading(tokens, before: index)
  }

  @Test func lineCommentsJoinWithoutMarkersAndCommonIndent() {
    let text = "// First line.\n//   indented\n//\n// Last.\nmessage M {}"
    #expect(documentation(text, for: "message") == "First line.\n  indented\n\nLast.")
  }

  @Test func tripleSlashesAreMarkersToo() {
    #expect(documentation("/// Doc.\nmessage M {}", for: "message") == "Doc.")
  }

  @Test func blockCommentsLoseTheirStarGutter() {
    let text = "/**\n * A contact.\n *\n * Two lines.\n */\nmessage M {}"
    #expect(documentation(text, for: "message") == "A contact.\n\nTwo lines.")
    #expect(documentation("/* One line. */\nmessage M {}", for: "message") == "One line.")
    #expect(documentation("/* Same line. */ message M {}", for: "message") == "Same line.")
  }

  @Test func aBlankLineDetachesTheComment() {
    #expect(documentation("// Detached.\n\nmessage M {}", for: "message") == nil)
    #expect(
      documentation("// Detached.\n\n// Attached.\nmessage M {}", for: "message") == "Attached.")
  }

  @Test func aTrailingCommentDoesNotDocumentTheNextDeclaration() {
    let text = "int32 a = 1; // about a\nint32 b = 2;"
    #expect(documentation(text, for: "int32") == nil)
    let twoLines = "int32 a = 1; // about a\n// about b\nint32 b = 2;"
    #expect(documentation(twoLines, for: "int32") == "about b")
  }

  @Test func blankCommentsGiveNoDocumentation() {
    #expect(documentation("//\n//   \nmessage M {}", for: "message") == nil)
    #expect(documentation("message M {}", for: "message") == nil)
  }
}

@testable import ChatService
import Testing

/// A chat's preview is the first 120 characters of its last message, whichever way it is cut:
/// the byte shortcut for ASCII must agree with the walk over graphemes everywhere it applies.
@Suite struct PreviewTests {
  static let a = String(repeating: "a", count: 119)

  @Test(arguments: [
    "",
    "hello",
    String(repeating: "x", count: 120),
    String(repeating: "x", count: 121),
    String(repeating: "x", count: 500),
    a + "\r\n" + String(repeating: "b", count: 50),  // CR LF is one character
    a + "a\u{301}" + String(repeating: "b", count: 50),  // the 120th character takes an accent
    a + "aa\u{301}bbb",  // the accent belongs to the 121st
    String(repeating: "é", count: 100),  // 200 bytes, 100 characters
    String(repeating: "👩‍👩‍👧", count: 130),
    String(repeating: "y", count: 130) + "日本",
  ])
  func thePreviewIsTheFirst120Characters(_ text: String) {
    let preview = ChatRecord.preview(of: text)
    #expect(preview == String(text.prefix(120)))
    #expect(preview.count == min(text.count, 120))
  }
}

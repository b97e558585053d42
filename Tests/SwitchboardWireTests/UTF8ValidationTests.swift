import SwitchboardWire
import Testing
import SwitchboardTestSupport

/// Protects the hand-written UTF-8 validator behind `string` fields (RFC 3629: no overlong
/// forms, no surrogates, nothing above U+10FFFF, no truncated or stray bytes), including its
/// eight-bytes-at-a-time ASCII path, by checking it against the standard library.
@Suite("UTF-8 validation")
struct UTF8ValidationTests {
  /// `readString` over `bytes` behind a length prefix: the string, or nil if it threw
  /// `invalidUTF8` (any other error is an issue).
  static func decodeString(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation)
    -> String?
  {
    let input = referenceVarint(UInt64(bytes.count)) + bytes
    switch reading(input, { try $0.readString() }) {
    case .success(let result):
      #expect(result.offset == input.count, sourceLocation: sourceLocation)
      return result.value
    case .failure(let error):
      // The offset is that of the string's first byte, just past its length.
      #expect(
        error == WireDecodingError(.invalidUTF8, offset: input.count - bytes.count),
        sourceLocation: sourceLocation)
      return nil
    }
  }

  static let valid: [(String, [UInt8])] = [
    ("empty", []),
    ("ASCII", Array("hello, world".utf8)),
    ("NUL and DEL", [0x00, 0x7F]),
    ("two bytes, lowest (U+0080)", [0xC2, 0x80]),
    ("two bytes, highest (U+07FF)", [0xDF, 0xBF]),
    ("three bytes, lowest (U+0800)", [0xE0, 0xA0, 0x80]),
    ("three bytes before the surrogates (U+D7FF)", [0xED, 0x9F, 0xBF]),
    ("three bytes after the surrogates (U+E000)", [0xEE, 0x80, 0x80]),
    ("three bytes, highest (U+FFFF)", [0xEF, 0xBF, 0xBF]),
    ("BOM (U+FEFF)", [0xEF, 0xBB, 0xBF]),
    ("four bytes, lowest (U+10000)", [0xF0, 0x90, 0x80, 0x80]),
    ("four bytes, highest (U+10FFFF)", [0xF4, 0x8F, 0xBF, 0xBF]),
    ("mixed script", Array("Grüße, Καλημέρα, 日本語, 👋🏽, עברית".utf8)),
  ]

  static let invalid: [(String, [UInt8])] = [
    ("lone continuation byte", [0x80]),
    ("continuation byte after ASCII", [0x41, 0xBF]),
    ("overlong NUL (C0 80)", [0xC0, 0x80]),
    ("overlong with C1", [0xC1, 0xBF]),
    ("overlong three bytes (E0 80 80)", [0xE0, 0x80, 0x80]),
    ("overlong three bytes, highest (E0 9F BF)", [0xE0, 0x9F, 0xBF]),
    ("overlong four bytes (F0 80 80 80)", [0xF0, 0x80, 0x80, 0x80]),
    ("overlong four bytes, highest (F0 8F BF BF)", [0xF0, 0x8F, 0xBF, 0xBF]),
    ("high surrogate U+D800", [0xED, 0xA0, 0x80]),
    ("low surrogate U+DFFF", [0xED, 0xBF, 0xBF]),
    ("surrogate pair as CESU-8", [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]),
    ("above U+10FFFF (U+110000)", [0xF4, 0x90, 0x80, 0x80]),
    ("F5 lead", [0xF5, 0x80, 0x80, 0x80]),
    ("FF byte", [0xFF]),
    ("FE byte", [0xFE]),
    ("truncated two-byte", [0xC3]),
    ("truncated three-byte", [0xE2, 0x82]),
    ("truncated four-byte", [0xF0, 0x9F, 0x98]),
    ("truncated after ASCII run", Array("abcdefgh".utf8) + [0xE2, 0x82]),
    ("ASCII where a continuation byte belongs", [0xE2, 0x41, 0x82]),
    ("second continuation byte missing", [0xF0, 0x9F, 0x41, 0x80]),
    ("third continuation byte not one", [0xF0, 0x9F, 0x98, 0xC0]),
    ("five-byte form", [0xF8, 0x88, 0x80, 0x80, 0x80]),
  ]

  @Test("valid sequences decode to the same scalars", arguments: valid)
  func validSequence(name: String, bytes: [UInt8]) {
    let decoded = Self.decodeString(bytes)
    #expect(decoded != nil)
    #expect(decoded.map { Array($0.utf8) } == bytes)
  }

  @Test("invalid sequences are rejected", arguments: invalid)
  func invalidSequence(name: String, bytes: [UInt8]) {
    #expect(String(validating: bytes, as: UTF8.self) == nil, "the case itself is wrong")
    #expect(Self.decodeString(bytes) == nil)
  }

  @Test("a bad byte is found at every position around the eight-byte ASCII path")
  func alignment() {
    for prefix in 0...24 {
      for suffix in [0, 1, 7, 8, 9] {
        let ascii = Array(repeating: UInt8(ascii: "a"), count: prefix)
        let tail = Array(repeating: UInt8(ascii: "z"), count: suffix)
        #expect(Self.decodeString(ascii + [0xC3, 0xA9] + tail) != nil, "prefix \(prefix)")
        #expect(Self.decodeString(ascii + [0x80] + tail) == nil, "prefix \(prefix)")
        #expect(Self.decodeString(ascii + [0xED, 0xA0, 0x80] + tail) == nil, "prefix \(prefix)")
        #expect(Self.decodeString(ascii + [0xF0, 0x9F, 0x98] + tail) == nil, "prefix \(prefix)")
      }
    }
  }

  @Test("every scalar value boundary and every lead byte")
  func everyLead() {
    for lead in UInt8(0x80)...0xFF {
      for second in [UInt8(0x7F), 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0] {
        let bytes = [lead, second, 0x80, 0x80]
        let expected = String(validating: bytes, as: UTF8.self)
        #expect(Self.decodeString(bytes) == expected, "\(hex(bytes))")
      }
    }
  }

  @Test("10,000 seeded byte strings: accepted exactly when String(validating:) accepts them")
  func seeded() {
    let seed: UInt64 = 0x7574_6638
    var random = SeededGenerator(seed: seed)
    // Pieces that meet at the interesting edges, so most inputs are neither all valid nor
    // broken at the first byte.
    let edgeBytes: [UInt8] = [
      0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
      0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
    ]
    var accepted = 0
    for iteration in 0..<10_000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 0...12, using: &random) {
        switch Int.random(in: 0..<5, using: &random) {
        case 0:
          bytes += (0..<Int.random(in: 1...17, using: &random)).map { _ in
            UInt8.random(in: 0x20...0x7E, using: &random)
          }
        case 1:
          let scalar = Unicode.Scalar(UInt32.random(in: 0...0x10FFFF, using: &random)) ?? "\u{FFFD}"
          bytes += Array(String(Character(scalar)).utf8)
        case 2:
          bytes.append(edgeBytes.randomElement(using: &random)!)
        case 3:
          bytes.append(UInt8.random(in: 0x80...0xBF, using: &random))
        default:
          bytes.append(UInt8.random(in: 0...255, using: &random))
        }
      }
      let expected = String(validating: bytes, as: UTF8.self)
      accepted += expected == nil ? 0 : 1
      #expect(
        Self.decodeString(bytes) == expected, "seed \(seed) iteration \(iteration): \(hex(bytes))")
    }
    // Both outcomes must be common, or the comparison proves little.
    #expect(accepted > 1_000 && accepted < 9_000, "\(accepted) accepted")
  }
}

import EverythingSchema
import SwitchboardRPC
import Testing

/// Protects large values: 1 MiB strings (ASCII and multi-byte) and byte strings round trip,
/// with three-byte length prefixes, and a length one byte short or long is refused.
@Suite("Large values")
struct LargeValueTests {
  static let mebibyte = 1 << 20

  @Test("a 1 MiB ASCII string and 1 MiB of bytes")
  func mebibyteValues() throws {
    let text = String(repeating: "abcdefghijklmnop", count: Self.mebibyte / 16)
    let bytes = (0..<Self.mebibyte).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let message = Scalars(aString: text, someBytes: bytes)
    let encoded = message.serializedBytes()
    // 2^20 as a varint: 80 80 40. Field 14: 72 80 80 40 + text; field 15: 7A 80 80 40 + bytes.
    #expect(Array(encoded.prefix(4)) == [0x72, 0x80, 0x80, 0x40])
    #expect(Array(encoded[(4 + Self.mebibyte)...].prefix(4)) == [0x7A, 0x80, 0x80, 0x40])
    #expect(encoded.count == 2 * (4 + Self.mebibyte))
    let decoded = try Scalars(serializedBytes: encoded)
    #expect(decoded.aString == text)
    #expect(decoded.someBytes == bytes)
  }

  @Test("a 1 MiB string of multi-byte characters, a 4-byte character at the very end")
  func mebibyteUnicode() throws {
    let text = String(repeating: "é€", count: (Self.mebibyte - 4) / 5) + "😀"
    try expectRoundTrip(Scalars(aString: text))
    try expectRoundTrip(Repeated(strings: [text, "", text]))
    // The same string cut one byte short of its last character is refused.
    var encoded = Scalars(aString: text).serializedBytes()
    encoded.removeLast()
    #expect(
      decodingError(Scalars.self, encoded)?.reason
        == .lengthPastEnd(length: UInt64(text.utf8.count), available: text.utf8.count - 1))
  }

  @Test("a large map value and a large unknown field")
  func largeElsewhere() throws {
    let blob = [UInt8](repeating: 0xAB, count: Self.mebibyte)
    try expectRoundTrip(Maps(sint64ToBytes: [-1: blob]))
    // A 1 MiB unknown field 99 (wire type 2) is kept whole.
    let unknown = [0x9A, 0x06, 0x80, 0x80, 0x40] + blob
    let decoded = try Stamp(serializedBytes: unknown + [0x08, 0x01])
    #expect(decoded.unknownFields.bytes == unknown)
    #expect(decoded.serializedBytes() == [0x08, 0x01] + unknown)
  }
}

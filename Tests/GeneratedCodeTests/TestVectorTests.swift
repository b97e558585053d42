import EverythingSchema
import SwitchboardRPC
import Testing

/// Protects byte-exact compatibility with protobuf: encodings worked out by hand from the
/// encoding guide (https://protobuf.dev/programming-guides/encoding/), each byte explained.
/// Every vector must decode to the expected fields and re-encode to the very same bytes.
///
/// A tag is `field_number << 3 | wire_type` as a varint; wire types: 0 varint, 1 fixed64,
/// 2 length-delimited, 5 fixed32. Varints carry seven bits a byte, low bits first, the high
/// bit set on every byte but the last.
@Suite("Test vectors")
struct TestVectorTests {
  /// Decodes `bytes`, checks the result equals `expected`, and that both it and `expected`
  /// encode to `bytes` again.
  @discardableResult
  static func check<M: WireMessage>(
    _ bytes: [UInt8], _ expected: M, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> M {
    let decoded = try M(serializedBytes: bytes)
    #expect(decoded == expected, sourceLocation: sourceLocation)
    #expect(
      expected.serializedBytes() == bytes, "expected \(hex(bytes))", sourceLocation: sourceLocation)
    #expect(decoded.serializedBytes() == bytes, sourceLocation: sourceLocation)
    #expect(expected.serializedSize() == bytes.count, sourceLocation: sourceLocation)
    return decoded
  }

  @Test("int32 150: the guide's first example")
  func int32OneFifty() throws {
    // 18: field 3 (an_int32) << 3 | 0 = 24 = 0x18.
    // 96 01: 150 = 0b1_0010110; low seven bits 0010110 = 0x16 with the continuation bit = 0x96,
    //        then the remaining 1 = 0x01.
    let decoded = try Self.check([0x18, 0x96, 0x01], Scalars(anInt32: 150))
    #expect(decoded.anInt32 == 150)
  }

  @Test("a string: \"testing\"")
  func string() throws {
    // 72: field 14 (a_string) << 3 | 2 = 114 = 0x72.
    // 07: length 7.
    // 74 65 73 74 69 6E 67: "testing" in UTF-8.
    let decoded = try Self.check(
      [0x72, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6E, 0x67], Scalars(aString: "testing"))
    #expect(decoded.aString == "testing")
  }

  @Test("a non-ASCII string counts bytes, not characters")
  func nonASCIIString() throws {
    // 72 05: field 14, length 5 (bytes, not the two characters).
    // C3 A9: U+00E9 "é" in two bytes. E2 82 AC: U+20AC "€" in three.
    try Self.check([0x72, 0x05, 0xC3, 0xA9, 0xE2, 0x82, 0xAC], Scalars(aString: "é€"))
  }

  @Test("a negative int32 is ten bytes")
  func negativeInt32() throws {
    // 18: field 3, varint.
    // FE FF FF FF FF FF FF FF FF 01: -2 sign-extended to 64 bits is 0xFFFF_FFFF_FFFF_FFFE;
    //   low seven bits 1111110 → FE, eight groups of seven ones → FF × 8, the 64th bit → 01.
    try Self.check([0x18, 0xFE] + Array(repeating: 0xFF, count: 8) + [0x01], Scalars(anInt32: -2))
  }

  @Test("sint32 and sint64 use ZigZag")
  func zigZag() throws {
    // 38: field 7 (a_sint32) << 3 | 0 = 56. 01: ZigZag(-1) = 1.
    try Self.check([0x38, 0x01], Scalars(aSint32: -1))
    // 38 02: ZigZag(1) = 2.
    try Self.check([0x38, 0x02], Scalars(aSint32: 1))
    // 38 FF FF FF FF 0F: ZigZag(Int32.min) = 0xFFFF_FFFF, five bytes.
    try Self.check([0x38, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], Scalars(aSint32: .min))
    // 40: field 8 (a_sint64) << 3 | 0 = 64. ZigZag(-75) = 149 = 0x95 → 95 01.
    try Self.check([0x40, 0x95, 0x01], Scalars(aSint64: -75))
    // ZigZag(Int64.max) = 0xFFFF_FFFF_FFFF_FFFE → FE, FF × 8, 01.
    try Self.check(
      [0x40, 0xFE] + Array(repeating: 0xFF, count: 8) + [0x01], Scalars(aSint64: .max))
  }

  @Test("unsigned varints at their maximum")
  func unsignedMaxima() throws {
    // 28: field 5 (a_uint32) << 3 | 0 = 40.
    // 0xFFFF_FFFF: four groups of seven ones (FF × 4), then the last four bits 1111 → 0F.
    try Self.check([0x28, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], Scalars(aUint32: .max))
    // 30: field 6 (a_uint64) << 3 | 0 = 48. 2^64 - 1: FF × 9, then the 64th bit → 01.
    try Self.check([0x30] + Array(repeating: 0xFF, count: 9) + [0x01], Scalars(aUint64: .max))
    // 20: field 4 (an_int64) << 3 | 0 = 32. Int64.max: FF × 8, then 7F.
    try Self.check([0x20] + Array(repeating: 0xFF, count: 8) + [0x7F], Scalars(anInt64: .max))
  }

  @Test("fixed-width types are little-endian")
  func fixedWidth() throws {
    // 09: field 1 (a_double) << 3 | 1. 1.0 = 0x3FF0_0000_0000_0000, low byte first.
    try Self.check([0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F], Scalars(aDouble: 1))
    // 15: field 2 (a_float) << 3 | 5 = 21. -2.5 = 0xC020_0000 → 00 00 20 C0.
    try Self.check([0x15, 0x00, 0x00, 0x20, 0xC0], Scalars(aFloat: -2.5))
    // 4D: field 9 (a_fixed32) << 3 | 5 = 77. 0x1234_5678 → 78 56 34 12.
    try Self.check([0x4D, 0x78, 0x56, 0x34, 0x12], Scalars(aFixed32: 0x1234_5678))
    // 51: field 10 (a_fixed64) << 3 | 1 = 81. 0x0102_0304_0506_0708 → 08 07 ... 01.
    try Self.check([0x51, 8, 7, 6, 5, 4, 3, 2, 1], Scalars(aFixed64: 0x0102_0304_0506_0708))
    // 5D: field 11 (an_sfixed32) << 3 | 5 = 93. -1 → FF FF FF FF.
    try Self.check([0x5D, 0xFF, 0xFF, 0xFF, 0xFF], Scalars(anSfixed32: -1))
    // 61: field 12 (an_sfixed64) << 3 | 1 = 97. Int64.min → 00 × 7, 80.
    try Self.check([0x61, 0, 0, 0, 0, 0, 0, 0, 0x80], Scalars(anSfixed64: .min))
  }

  @Test("bool and bytes")
  func boolAndBytes() throws {
    // 68: field 13 (a_bool) << 3 | 0 = 104. 01: true.
    try Self.check([0x68, 0x01], Scalars(aBool: true))
    // 7A: field 15 (some_bytes) << 3 | 2 = 122. 03: length. DE AD 00: the bytes as they are.
    try Self.check([0x7A, 0x03, 0xDE, 0xAD, 0x00], Scalars(someBytes: [0xDE, 0xAD, 0x00]))
  }

  @Test("several fields are written in field-number order")
  func severalFields() throws {
    // 18 01: an_int32 = 1. 38 03: a_sint32 = -2. 68 01: a_bool. 72 01 61: a_string "a".
    try Self.check(
      [0x18, 0x01, 0x38, 0x03, 0x68, 0x01, 0x72, 0x01, 0x61],
      Scalars(anInt32: 1, aSint32: -2, aBool: true, aString: "a"))
  }

  @Test("packed repeated: the guide's 3, 270, 86942")
  func packedRepeated() throws {
    // 1A: field 3 (int32s) << 3 | 2 = 26: packed fields are length-delimited.
    // 06: six bytes of payload.
    // 03: 3. 8E 02: 270 = 0b10_0001110 → 0E|80, 02. 9E A7 05: 86942 = 0b101_0100111_0011110.
    let decoded = try Self.check(
      [0x1A, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05], Repeated(int32S: [3, 270, 86942]))
    #expect(decoded.int32S == [3, 270, 86942])
  }

  @Test("packed fixed-width and packed sint64")
  func packedOther() throws {
    // 4A: field 9 (fixed32s) << 3 | 2 = 74. 08: two four-byte values. 01 00 00 00: 1. FF × 4: max.
    try Self.check(
      [0x4A, 0x08, 0x01, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF], Repeated(fixed32S: [1, .max]))
    // 42: field 8 (sint64s) << 3 | 2 = 66. 03: three bytes. 01: -1. 02: 1. 03: -2.
    try Self.check([0x42, 0x03, 0x01, 0x02, 0x03], Repeated(sint64S: [-1, 1, -2]))
  }

  @Test("repeated strings and messages are one field per element")
  func unpackable() throws {
    // 72 01 61: strings "a" (field 14). 72 00: "".
    // 8A 01: field 17 (stamps) << 3 | 2 = 138, a two-byte tag. 02: length. 08 05: millis 5.
    try Self.check(
      [0x72, 0x01, 0x61, 0x72, 0x00, 0x8A, 0x01, 0x02, 0x08, 0x05],
      Repeated(strings: ["a", ""], stamps: [Stamp(millis: 5)]))
  }

  @Test("the unpacked repeated field")
  func unpacked() throws {
    // 90 01: field 18 << 3 | 0 = 144 → 90 01. Then 05; again 90 01, then 96 01 (150).
    try Self.check([0x90, 0x01, 0x05, 0x90, 0x01, 0x96, 0x01], Repeated(unpackedInt32S: [5, 150]))
  }

  @Test("map entries are embedded messages with key 1 and value 2")
  func mapEntries() throws {
    // 0A: field 1 (string_to_string) << 3 | 2. 06: entry length.
    //   0A 01 6B: key (field 1) "k". 12 01 76: value (field 2) "v".
    try Self.check(
      [0x0A, 0x06, 0x0A, 0x01, 0x6B, 0x12, 0x01, 0x76], Maps(stringToString: ["k": "v"]))
    // 12: field 2 (int32_to_int64). 0D: 13 bytes.
    //   08 FF×9 01: key -1 as a ten-byte int32. 10 01: value 1.
    try Self.check(
      [0x12, 0x0D, 0x08] + Array(repeating: 0xFF, count: 9) + [0x01, 0x10, 0x01],
      Maps(int32ToInt64: [-1: 1]))
    // 62: field 12 (bool_to_uint32) << 3 | 2 = 98. 05: length. 08 01: key true. 10 AC 02: 300.
    try Self.check([0x62, 0x05, 0x08, 0x01, 0x10, 0xAC, 0x02], Maps(boolToUint32: [true: 300]))
    // 42: field 8 (fixed32_to_fixed64) << 3 | 2 = 66. 0E: 14 bytes.
    //   0D 01 00 00 00: key (field 1, fixed32) 1. 11 + 8 bytes: value (field 2, fixed64) 2.
    try Self.check(
      [0x42, 0x0E, 0x0D, 0x01, 0, 0, 0, 0x11, 0x02, 0, 0, 0, 0, 0, 0, 0],
      Maps(fixed32ToFixed64: [1: 2]))
    // 72: field 14 (string_to_stamp). 07: length. 0A 01 74: key "t". 12 02 08 07: Stamp{7}.
    try Self.check(
      [0x72, 0x07, 0x0A, 0x01, 0x74, 0x12, 0x02, 0x08, 0x07],
      Maps(stringToStamp: ["t": Stamp(millis: 7)]))
  }

  @Test("nested messages")
  func nested() throws {
    // 0A 01 31: wa_id (field 1) "1".
    // 2A 06: address (field 5) << 3 | 2 = 42, six bytes:
    //   12 04 4F 73 6C 6F: city (field 2 of Address) "Oslo".
    // 3A 03: created (field 7) << 3 | 2 = 58, three bytes: 08 E8 07: millis 1000.
    let decoded = try Self.check(
      [
        0x0A, 0x01, 0x31, 0x2A, 0x06, 0x12, 0x04, 0x4F, 0x73, 0x6C, 0x6F, 0x3A, 0x03, 0x08, 0xE8,
        0x07,
      ],
      Contact(waID: "1", address: Contact.Address(city: "Oslo"), created: Stamp(millis: 1000)))
    #expect(decoded.address?.city == "Oslo")
    #expect(decoded.created?.millis == 1000)
    // Node: 0A 01 61 label "a"; 12 03: parent, three bytes: 0A 01 62 label "b".
    try Self.check(
      [0x0A, 0x01, 0x61, 0x12, 0x03, 0x0A, 0x01, 0x62], Node(label: "a", parent: Node(label: "b")))
  }

  @Test("a oneof: each case under its own field")
  func oneof() throws {
    // 5A 03 61 40 62: email (field 11) << 3 | 2 = 90, "a@b".
    try Self.check([0x5A, 0x03, 0x61, 0x40, 0x62], Contact(channel: .email("a@b")))
    // 60 96 01: phone_number (field 12) << 3 | 0 = 96, 150.
    try Self.check([0x60, 0x96, 0x01], Contact(channel: .phoneNumber(150)))
    // 6A 04: postal (field 13) << 3 | 2 = 106, four bytes:
    //   1A 02 4E 4F: country_code (field 3 of Address) "NO".
    try Self.check(
      [0x6A, 0x04, 0x1A, 0x02, 0x4E, 0x4F],
      Contact(channel: .postal(Contact.Address(countryCode: "NO"))))
    // 70 02: pager_priority (field 14) << 3 | 0 = 112, HIGH = 2.
    try Self.check([0x70, 0x02], Contact(channel: .pagerPriority(.high)))
    // 78 01: opted_out (field 15) << 3 | 0 = 120, true.
    try Self.check([0x78, 0x01], Contact(channel: .optedOut(true)))
  }

  @Test("enums are int32 varints")
  func enums() throws {
    // 18 01: source (field 3) WHATSAPP. 50 02: priority (field 10) << 3 | 0 = 80, HIGH.
    try Self.check([0x18, 0x01, 0x50, 0x02], Contact(source: .whatsapp, priority: .high))
    // 18 03: source 3, reserved in the schema: kept as unrecognized(3).
    try Self.check([0x18, 0x03], Contact(source: .unrecognized(3)))
    // 50 FF×9 01: priority -1, a ten-byte varint like any negative int32.
    try Self.check(
      [0x50] + Array(repeating: 0xFF, count: 9) + [0x01], Contact(priority: .unrecognized(-1)))
  }

  @Test("field 536870911: the largest field number, a five-byte tag")
  func largestField() throws {
    // 536870911 << 3 | 2 = 0xFFFF_FFFA. Seven bits at a time, low first:
    //   1111010 → FA; 1111111 → FF, three times; the last four bits 1111 → 0F.
    // Then 02 (length) and 6F 6B ("ok").
    let decoded = try Self.check(
      [0xFA, 0xFF, 0xFF, 0xFF, 0x0F, 0x02, 0x6F, 0x6B], Contact(notes: "ok"))
    #expect(decoded.notes == "ok")
    // After a small field, in field-number order: 0A 01 78 (wa_id "x") first.
    try Self.check(
      [0x0A, 0x01, 0x78, 0xFA, 0xFF, 0xFF, 0xFF, 0x0F, 0x01, 0x79], Contact(waID: "x", notes: "y"))
  }

  @Test("a two-byte tag: field 16")
  func twoByteTag() throws {
    // priority (field 16) << 3 | 0 = 128 → 80 01. 02: HIGH.
    try Self.check([0x80, 0x01, 0x02], OptionalScalars(priority: .high))
  }
}

import SwitchboardWire
import Testing

/// Protects the reader's refusals: each malformed input throws the right reason at the byte
/// where the problem starts, naming the field being read, and never reads past its limit.
@Suite("Reader errors")
struct ReaderErrorTests {
  /// An input, and the error reading all of its fields as unknown must throw.
  static let cases: [(name: String, bytes: [UInt8], error: WireDecodingError)] = [
    ("empty value varint", [0x08], .init(.truncated, offset: 1, fieldNumber: 1)),
    (
      "varint cut after a continuation byte", [0x08, 0x96],
      .init(.truncated, offset: 1, fieldNumber: 1)
    ),
    (
      "varint cut after nine continuation bytes", [0x08] + Array(repeating: 0xFF, count: 9),
      .init(.truncated, offset: 1, fieldNumber: 1)
    ),
    ("tag cut", [0x08, 0x01, 0xFA, 0xFF], .init(.truncated, offset: 2)),
    (
      "eleven-byte varint", [0x08] + Array(repeating: 0x80, count: 10) + [0x01],
      .init(.malformedVarint, offset: 1, fieldNumber: 1)
    ),
    (
      "ten continuation bytes at the end of the input", [0x08] + Array(repeating: 0xFF, count: 10),
      .init(.malformedVarint, offset: 1, fieldNumber: 1)
    ),
    ("tag of 2^32", [0x80, 0x80, 0x80, 0x80, 0x10], .init(.malformedVarint, offset: 0)),
    (
      "tag of 2^35 after a field", [0x08, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
      .init(.malformedVarint, offset: 2)
    ),
    ("eleven-byte tag", Array(repeating: 0x88, count: 11), .init(.malformedVarint, offset: 0)),
    ("wire type 6", [0x0E], .init(.invalidWireType(6), offset: 0)),
    ("wire type 7", [0x0F, 0x00], .init(.invalidWireType(7), offset: 0)),
    (
      "wire type 7 on the largest field", [0xFF, 0xFF, 0xFF, 0xFF, 0x0F],
      .init(.invalidWireType(7), offset: 0)
    ),
    ("wire type 6 on field 0", [0x06], .init(.invalidWireType(6), offset: 0)),
    ("field 0, varint", [0x00, 0x00], .init(.fieldNumberZero, offset: 0)),
    ("field 0, length-delimited", [0x02, 0x00], .init(.fieldNumberZero, offset: 0)),
    ("field 0 after a field", [0x08, 0x01, 0x05, 0, 0, 0, 0], .init(.fieldNumberZero, offset: 2)),
    ("field 0 in a padded tag", [0x80, 0x00], .init(.fieldNumberZero, offset: 0)),
    (
      "length past the end", [0x0A, 0x05, 0x61],
      .init(.lengthPastEnd(length: 5, available: 1), offset: 1, fieldNumber: 1)
    ),
    (
      "length of UInt64.max", [0x12] + Array(repeating: 0xFF, count: 9) + [0x01],
      .init(.lengthPastEnd(length: .max, available: 0), offset: 1, fieldNumber: 2)
    ),
    (
      "length of 2^63, with bytes behind it",
      [0x12] + Array(repeating: 0x80, count: 9) + [0x01, 0x00],
      .init(.lengthPastEnd(length: 1 << 63, available: 1), offset: 1, fieldNumber: 2)
    ),
    ("fixed64 cut", [0x09, 1, 2, 3, 4, 5, 6, 7], .init(.truncated, offset: 1, fieldNumber: 1)),
    ("fixed32 cut", [0x15, 1, 2, 3], .init(.truncated, offset: 1, fieldNumber: 2)),
    ("end group with no start", [0x0C], .init(.unmatchedEndGroup, offset: 0, fieldNumber: 1)),
    (
      "end group after a field", [0x08, 0x01, 0x14],
      .init(.unmatchedEndGroup, offset: 2, fieldNumber: 2)
    ),
    (
      "end group closing another field's group", [0x13, 0x1C],
      .init(.unmatchedEndGroup, offset: 1, fieldNumber: 3)
    ),
  ]

  @Test("each malformed input throws its reason at its offset", arguments: cases)
  func malformed(name: String, bytes: [UInt8], error: WireDecodingError) {
    #expect(
      readingError(bytes) { try skipAll(&$0) } == error)
  }

  @Test("a length is checked against the enclosing message, not the whole input")
  func lengthPastEmbeddedEnd() {
    // Field 1 holds 3 bytes: field 2 claiming 5 bytes, of which only 1 is inside field 1.
    let bytes: [UInt8] = [0x0A, 0x03, 0x12, 0x05, 0x61, 0x62, 0x63, 0x64, 0x65]
    let error = readingError(bytes) { reader in
      _ = try reader.nextTag()
      let outer = try reader.beginLengthDelimited()
      let inner = try skipAll(&reader)
      reader.endLengthDelimited(outer)
      return inner
    }
    #expect(
      error == WireDecodingError(.lengthPastEnd(length: 5, available: 1), offset: 3, fieldNumber: 2)
    )
  }

  @Test("a varint is not read past the end of its enclosing message")
  func varintPastEmbeddedEnd() {
    // Field 1 holds 2 bytes: field 2's varint continues into a byte outside field 1.
    let bytes: [UInt8] = [0x0A, 0x02, 0x10, 0x96, 0x01]
    let error = readingError(bytes) { reader in
      _ = try reader.nextTag()
      let outer = try reader.beginLengthDelimited()
      let inner = try skipAll(&reader)
      reader.endLengthDelimited(outer)
      return inner
    }
    #expect(error == WireDecodingError(.truncated, offset: 3, fieldNumber: 2))
  }

  @Test("a string that is not UTF-8 fails at its first byte, in its field")
  func invalidUTF8() {
    let bytes: [UInt8] = [0x08, 0x01, 0x1A, 0x02, 0xC3, 0x28]
    let error = readingError(bytes) { reader in
      var strings: [String] = []
      while let tag = try reader.nextTag() {
        if tag == 26 {
          strings.append(try reader.readString())
        } else {
          _ = try reader.readVarint()
        }
      }
      return strings
    }
    #expect(error == WireDecodingError(.invalidUTF8, offset: 4, fieldNumber: 3))
  }

  @Test("the largest field number is a valid tag")
  func largestFieldNumber() throws {
    // (2^29 - 1) << 3 | 0 = 0xFFFF_FFF8: F8 FF FF FF 0F.
    let bytes: [UInt8] = [0xF8, 0xFF, 0xFF, 0xFF, 0x0F, 0x01]
    let read = try reading(bytes) { try $0.nextTag() }.get()
    #expect(read.value == 0xFFFF_FFF8)
    #expect(read.offset == 5)
  }

  @Test("a message ends cleanly at its limit: nextTag returns nil")
  func cleanEnd() throws {
    #expect(
      try reading([]) { try $0.nextTag() }.get().value
        == nil)
    let read = try reading([0x08, 0x01]) { reader in try skipAll(&reader)
    }.get()
    #expect(read.value == [0x08, 0x01])
    #expect(read.offset == 2)
  }

  @Test("descriptions name the problem, the field and the byte")
  func descriptions() {
    #expect(
      WireDecodingError(.truncated, offset: 3, fieldNumber: 2).description
        == "protobuf decoding failed: input ends in the middle of a value in field 2 at byte 3")
    #expect(
      WireDecodingError(.invalidWireType(6), offset: 0).description
        == "protobuf decoding failed: invalid wire type 6 at byte 0")
    let reasons: [WireDecodingError.Reason] = [
      .truncated, .malformedVarint, .invalidWireType(7), .fieldNumberZero,
      .lengthPastEnd(length: 9, available: 2), .nestingTooDeep, .invalidUTF8, .unmatchedEndGroup,
      .misalignedPackedField(length: 3, elementSize: 4),
    ]
    let descriptions = reasons.map { WireDecodingError($0, offset: 12, fieldNumber: 5).description }
    #expect(Set(descriptions).count == reasons.count)
    for description in descriptions {
      #expect(description.hasSuffix(" in field 5 at byte 12"), "\(description)")
    }
  }
}

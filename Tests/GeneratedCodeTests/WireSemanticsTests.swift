import EverythingSchema
import SwitchboardRPC
import Testing
import SwitchboardTestSupport

/// Protects protobuf's decoding rules in generated code: fields in any order, unknown fields
/// kept and appended after the known ones, packed and unpacked forms both accepted, a known
/// field with an unexpected wire type kept as unknown, the last value winning for scalars and
/// oneofs, and embedded messages merging when they appear twice.
@Suite("Wire semantics")
struct WireSemanticsTests {
  @Test("fields arriving out of order decode; they are written back in field-number order")
  func fieldOrder() throws {
    // a_bool (13), a_string (14) "a", an_int32 (3) 1: reversed.
    let bytes: [UInt8] = [0x68, 0x01, 0x72, 0x01, 0x61, 0x18, 0x01]
    let decoded = try Scalars(serializedBytes: bytes)
    #expect(decoded == Scalars(anInt32: 1, aBool: true, aString: "a"))
    #expect(decoded.serializedBytes() == [0x18, 0x01, 0x68, 0x01, 0x72, 0x01, 0x61])
    // The far field first in the input, last in the output.
    let contact = try Contact(serializedBytes: [
      0xFA, 0xFF, 0xFF, 0xFF, 0x0F, 0x01, 0x6E, 0x0A, 0x01, 0x77,
    ])
    #expect(
      contact.serializedBytes() == [0x0A, 0x01, 0x77, 0xFA, 0xFF, 0xFF, 0xFF, 0x0F, 0x01, 0x6E])
  }

  @Test("unknown fields of every wire type are kept and written after the known fields")
  func unknownFields() throws {
    let unknown: [UInt8] =
      [0x80, 0x02, 0x96, 0x01]  // field 32, varint 150
      + [0x89, 0x02, 1, 2, 3, 4, 5, 6, 7, 8]  // field 33, fixed64
      + [0x92, 0x02, 0x02, 0x68, 0x69]  // field 34, "hi"
      + [0x9B, 0x02, 0x08, 0x01, 0x9C, 0x02]  // field 35, a group holding a varint
      + [0xA5, 0x02, 1, 2, 3, 4]  // field 36, fixed32
    let known: [UInt8] = [0x18, 0x05]  // an_int32 = 5
    let decoded = try Scalars(serializedBytes: unknown + known)
    #expect(decoded.anInt32 == 5)
    #expect(decoded.unknownFields.bytes == unknown)
    #expect(decoded.serializedBytes() == known + unknown)
    #expect(decoded.serializedSize() == known.count + unknown.count)
  }

  @Test("unknown fields interleaved with known ones keep their own order")
  func interleavedUnknown() throws {
    let bytes: [UInt8] = [0xF8, 0x01, 0x01, 0x18, 0x01, 0xF0, 0x01, 0x02, 0x68, 0x01]
    let decoded = try Scalars(serializedBytes: bytes)
    // Fields 31 and 30 in arrival order, after the known ones.
    #expect(
      decoded.serializedBytes() == [0x18, 0x01, 0x68, 0x01, 0xF8, 0x01, 0x01, 0xF0, 0x01, 0x02])
  }

  @Test("unknown fields in nested messages stay with their message")
  func nestedUnknown() throws {
    // address (5) holding city "c" and unknown field 9 (varint 1).
    let bytes: [UInt8] = [0x2A, 0x05, 0x12, 0x01, 0x63, 0x48, 0x01]
    let decoded = try Contact(serializedBytes: bytes)
    #expect(decoded.address?.unknownFields.bytes == [0x48, 0x01])
    #expect(decoded.unknownFields.isEmpty)
    #expect(decoded.serializedBytes() == bytes)
  }

  @Test("packed and unpacked encodings of the same field are both accepted")
  func packedAndUnpacked() throws {
    // int32s (3) unpacked: 18 03, 18 8E 02.
    #expect(try Repeated(serializedBytes: [0x18, 0x03, 0x18, 0x8E, 0x02]).int32S == [3, 270])
    // Packed then unpacked then packed: all appended in order.
    let mixed: [UInt8] = [0x1A, 0x02, 0x01, 0x02, 0x18, 0x03, 0x1A, 0x01, 0x04]
    #expect(try Repeated(serializedBytes: mixed).int32S == [1, 2, 3, 4])
    // Doubles (1) unpacked: 09 + 8 bytes each.
    let doubles: [UInt8] = [0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x09, 0, 0, 0, 0, 0, 0, 0, 0x40]
    #expect(try Repeated(serializedBytes: doubles).doubles == [1, 2])
    // Enums (16) unpacked: 80 01 02.
    #expect(try Repeated(serializedBytes: [0x80, 0x01, 0x02]).priorities == [.high])
    // The [packed = false] field (18) also accepts the packed form: 92 01 02 05 06.
    #expect(
      try Repeated(serializedBytes: [0x92, 0x01, 0x02, 0x05, 0x06]).unpackedInt32S == [5, 6])
    // Re-encoding uses each field's own form.
    #expect(
      try Repeated(serializedBytes: [0x18, 0x03, 0x18, 0x04]).serializedBytes() == [
        0x1A, 0x02, 0x03, 0x04,
      ])
    #expect(
      try Repeated(serializedBytes: [0x92, 0x01, 0x01, 0x05]).serializedBytes() == [
        0x90, 0x01, 0x05,
      ])
  }

  @Test("every packable type accepts its unpacked form")
  func everyUnpackedForm() throws {
    let full = Repeated(
      doubles: [1, -2], floats: [3], int32S: [-1, 4], int64S: [.min], uint32S: [.max], uint64S: [5],
      sint32S: [-6], sint64S: [7], fixed32S: [8], fixed64S: [9], sfixed32S: [-10], sfixed64S: [11],
      bools: [true, false], priorities: [.low, .unrecognized(9)])
    // Write each element under its own tag, by hand, with the scalar wire types.
    var bytes: [UInt8] = []
    func field(_ number: Int, _ type: UInt8, _ value: [UInt8]) {
      bytes += referenceVarint(UInt64(number << 3) | UInt64(type)) + value
    }
    func le(_ value: UInt64, _ count: Int) -> [UInt8] {
      (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }
    for v in full.doubles { field(1, 1, le(v.bitPattern, 8)) }
    for v in full.floats { field(2, 5, le(UInt64(v.bitPattern), 4)) }
    for v in full.int32S { field(3, 0, referenceVarint(UInt64(bitPattern: Int64(v)))) }
    for v in full.int64S { field(4, 0, referenceVarint(UInt64(bitPattern: v))) }
    for v in full.uint32S { field(5, 0, referenceVarint(UInt64(v))) }
    for v in full.uint64S { field(6, 0, referenceVarint(v)) }
    for v in full.sint32S { field(7, 0, referenceVarint(UInt64(UInt32(bitPattern: (v << 1) ^ (v >> 31))))) }
    for v in full.sint64S { field(8, 0, referenceVarint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))) }
    for v in full.fixed32S { field(9, 5, le(UInt64(v), 4)) }
    for v in full.fixed64S { field(10, 1, le(v, 8)) }
    for v in full.sfixed32S { field(11, 5, le(UInt64(UInt32(bitPattern: v)), 4)) }
    for v in full.sfixed64S { field(12, 1, le(UInt64(bitPattern: v), 8)) }
    for v in full.bools { field(13, 0, [v ? 1 : 0]) }
    for v in full.priorities { field(16, 0, referenceVarint(UInt64(bitPattern: Int64(v.rawValue)))) }
    #expect(try Repeated(serializedBytes: bytes) == full)
  }

  @Test("a known field arriving with another valid wire type is kept as unknown and re-emitted")
  func wrongWireType() throws {
    // an_int32 (3) as fixed32: 1D + 4 bytes. a_string (14) as varint: 70 05.
    // a_double (1) as varint: 08 01, and as a group: 0B ... 0C.
    let cases: [[UInt8]] = [
      [0x1D, 1, 2, 3, 4], [0x70, 0x05], [0x08, 0x01], [0x0B, 0x08, 0x01, 0x0C],
    ]
    for bytes in cases {
      let decoded = try Scalars(serializedBytes: bytes)
      #expect(decoded.unknownFields.bytes == bytes, "\(hex(bytes))")
      #expect(decoded.anInt32 == 0 && decoded.aString == "" && decoded.aDouble == 0)
      #expect(decoded.serializedBytes() == bytes)
    }
    let contact = try Contact(serializedBytes: [0x28, 0x01, 0x0A, 0x01, 0x61])
    #expect(contact.address == nil)
    #expect(contact.unknownFields.bytes == [0x28, 0x01])
    #expect(contact.serializedBytes() == [0x0A, 0x01, 0x61, 0x28, 0x01])
    // Strings (14) of Repeated as fixed32: unknown, not appended.
    let repeated = try Repeated(serializedBytes: [0x75, 1, 2, 3, 4])
    #expect(repeated.strings.isEmpty)
    #expect(repeated.unknownFields.bytes == [0x75, 1, 2, 3, 4])
  }

  @Test("the last value wins for scalars, strings, bytes and enums")
  func lastOneWins() throws {
    #expect(try Scalars(serializedBytes: [0x18, 0x01, 0x18, 0x02]).anInt32 == 2)
    #expect(try Scalars(serializedBytes: [0x72, 0x01, 0x61, 0x72, 0x01, 0x62]).aString == "b")
    // A later empty string replaces an earlier one.
    #expect(try Scalars(serializedBytes: [0x72, 0x01, 0x61, 0x72, 0x00]).aString == "")
    #expect(try Scalars(serializedBytes: [0x7A, 0x01, 0x01, 0x7A, 0x01, 0x02]).someBytes == [2])
    #expect(try Contact(serializedBytes: [0x18, 0x01, 0x18, 0x02]).source == .import)
    #expect(try OptionalScalars(serializedBytes: [0x18, 0x07, 0x18, 0x00]).anInt32 == 0)
  }

  @Test("the last oneof case wins; the same message case twice merges")
  func oneofLastWins() throws {
    // email "a", then phone_number 1.
    #expect(
      try Contact(serializedBytes: [0x5A, 0x01, 0x61, 0x60, 0x01]).channel == .phoneNumber(1))
    // postal{street "s"} then postal{city "c"}: merged.
    let twice: [UInt8] = [0x6A, 0x03, 0x0A, 0x01, 0x73, 0x6A, 0x03, 0x12, 0x01, 0x63]
    #expect(
      try Contact(serializedBytes: twice).channel
        == .postal(Contact.Address(street: "s", city: "c")))
    // postal{street "s"}, email "e", postal{city "c"}: the email case ended the first postal.
    let interrupted: [UInt8] = [
      0x6A, 0x03, 0x0A, 0x01, 0x73, 0x5A, 0x01, 0x65, 0x6A, 0x03, 0x12, 0x01, 0x63,
    ]
    #expect(
      try Contact(serializedBytes: interrupted).channel == .postal(Contact.Address(city: "c")))
  }

  @Test("an embedded message given twice merges field by field")
  func messagesMerge() throws {
    // address{street "s", city "x"} then address{city "c"}: street kept, city replaced.
    let bytes: [UInt8] = [
      0x2A, 0x06, 0x0A, 0x01, 0x73, 0x12, 0x01, 0x78, 0x2A, 0x03, 0x12, 0x01, 0x63,
    ]
    let decoded = try Contact(serializedBytes: bytes)
    #expect(decoded.address == Contact.Address(street: "s", city: "c"))
    // created{1000} then an empty created: still 1000.
    #expect(
      try Contact(serializedBytes: [0x3A, 0x03, 0x08, 0xE8, 0x07, 0x3A, 0x00]).created
        == Stamp(millis: 1000))
    // Node.parent given twice merges; children given twice are two children.
    let node = try Node(serializedBytes: [
      0x12, 0x03, 0x0A, 0x01, 0x61, 0x12, 0x02, 0x32, 0x00, 0x1A, 0x00, 0x1A, 0x00,
    ])
    #expect(node.parent == Node(label: "a", link: .terminal("")))
    #expect(node.children == [Node(), Node()])
  }

  @Test("concatenated encodings decode as the merge of the messages")
  func concatenation() throws {
    let first = Contact(waID: "1", address: Contact.Address(street: "s"), channel: .email("e"))
    let second = Contact(name: "n", address: Contact.Address(city: "c"), channel: .optedOut(true))
    let decoded = try Contact(serializedBytes: first.serializedBytes() + second.serializedBytes())
    #expect(
      decoded
        == Contact(
          waID: "1", name: "n", address: Contact.Address(street: "s", city: "c"),
          channel: .optedOut(true)))
    var merged = first
    try merged.merge(serializedBytes: second.serializedBytes())
    #expect(merged == decoded)
  }

  @Test("non-minimal encodings are accepted and re-encoded minimally")
  func nonMinimal() throws {
    // an_int32 150 as 96 81 00 (padded), a_bool as 02, tag 18 as 98 00.
    let decoded = try Scalars(serializedBytes: [0x98, 0x00, 0x96, 0x81, 0x00, 0x68, 0x02])
    #expect(decoded == Scalars(anInt32: 150, aBool: true))
    #expect(decoded.serializedBytes() == [0x18, 0x96, 0x01, 0x68, 0x01])
    // An int32 sent as a five-byte varint (as uint32 would write -1) is -1.
    #expect(try Scalars(serializedBytes: [0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]).anInt32 == -1)
    // An int32 sent as a wider int64 is truncated to its low 32 bits: 2^32 + 7 → 7.
    #expect(try Scalars(serializedBytes: [0x18] + referenceVarint((1 << 32) + 7)).anInt32 == 7)
  }

  @Test("decoding errors through generated code name the field and the byte")
  func errors() {
    // a_string (14) claiming 5 bytes with 1 left.
    #expect(
      decodingError(Scalars.self, [0x72, 0x05, 0x61])
        == WireDecodingError(.lengthPastEnd(length: 5, available: 1), offset: 1, fieldNumber: 14))
    // fixed32s (9) packed with 3 bytes.
    #expect(
      decodingError(Repeated.self, [0x4A, 0x03, 1, 2, 3])
        == WireDecodingError(
          .misalignedPackedField(length: 3, elementSize: 4), offset: 1, fieldNumber: 9))
    // city inside address: invalid UTF-8 at byte 4.
    #expect(
      decodingError(Contact.self, [0x2A, 0x03, 0x12, 0x01, 0xFF])
        == WireDecodingError(.invalidUTF8, offset: 4, fieldNumber: 2))
    // A stray end-group.
    #expect(
      decodingError(Contact.self, [0x0A, 0x00, 0x0C])
        == WireDecodingError(.unmatchedEndGroup, offset: 2, fieldNumber: 1))
    // Field number 0.
    #expect(
      decodingError(Node.self, [0x02, 0x00]) == WireDecodingError(.fieldNumberZero, offset: 0))
  }
}

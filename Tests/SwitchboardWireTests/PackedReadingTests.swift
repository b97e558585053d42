import SwitchboardWire
import Testing
import SwitchboardTestSupport

/// Protects packed repeated fields: every element type read back, values appended to what is
/// there, elements kept inside the packed length, and fixed-size payloads that are not a whole
/// number of elements refused.
@Suite("Packed fields")
struct PackedReadingTests {
  /// `payload` behind its length prefix.
  static func packed(_ payload: [UInt8]) -> [UInt8] {
    referenceVarint(UInt64(payload.count)) + payload
  }

  @Test("the encoding guide's example: 3, 270, 86942 as packed int32")
  func guideExample() throws {
    // 3 → 03; 270 → 8E 02; 86942 → 9E A7 05: six bytes of payload.
    let bytes: [UInt8] = [0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05]
    let read = try reading(bytes) { reader in
      var values: [Int32] = []
      try reader.readPackedInt32(into: &values)
      return values
    }.get()
    #expect(read.value == [3, 270, 86942])
    #expect(read.offset == bytes.count)
  }

  /// The values `readPacked` leaves in an array that held `start`, reading `bytes`.
  static func values<T>(
    _ bytes: [UInt8], start: [T] = [], _ readPacked: (inout WireReader, inout [T]) throws -> Void
  ) throws -> [T] {
    try reading(bytes) { reader in
      var values = start
      try readPacked(&reader, &values)
      return values
    }.get().value
  }

  @Test("every varint kind, and values appended to existing ones")
  func varintKinds() throws {
    // 1, then UInt64.max (-1 as a ten-byte varint), then 300.
    let bytes = Self.packed(
      referenceVarint(1) + referenceVarint(UInt64(bitPattern: -1)) + referenceVarint(300))
    #expect(
      try Self.values(bytes, start: [9]) { try $0.readPackedInt32(into: &$1) } == [9, 1, -1, 300])
    #expect(try Self.values(bytes) { try $0.readPackedInt64(into: &$1) } == [1, -1, 300])
    #expect(try Self.values(bytes) { try $0.readPackedUInt32(into: &$1) } == [1, .max, 300])
    #expect(try Self.values(bytes) { try $0.readPackedUInt64(into: &$1) } == [1, .max, 300])
    // ZigZag: 1 → -1; UInt64.max → Int64.min, and Int32.min once truncated; 300 → 150.
    #expect(try Self.values(bytes) { try $0.readPackedSInt32(into: &$1) } == [-1, .min, 150])
    #expect(try Self.values(bytes) { try $0.readPackedSInt64(into: &$1) } == [-1, .min, 150])
    #expect(
      try Self.values(bytes, start: [false]) { try $0.readPackedBool(into: &$1) }
        == [false, true, true, true])
    #expect(
      try Self.values(bytes, start: [Shade.dark]) { try $0.readPackedEnum(into: &$1) }
        == [.dark, .light, .unrecognized(-1), .unrecognized(300)])
  }

  @Test("every fixed-size kind")
  func fixedKinds() throws {
    // Eight bytes: 1 and 0xFFFF_FFFF as fixed32s, or 0xFFFF_FFFF_0000_0001 as one fixed64.
    let bytes = Self.packed([0x01, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF])
    #expect(try Self.values(bytes) { try $0.readPackedFixed32(into: &$1) } == [1, .max])
    #expect(try Self.values(bytes) { try $0.readPackedSFixed32(into: &$1) } == [1, -1])
    #expect(
      try Self.values(bytes) { try $0.readPackedFixed64(into: &$1) } == [0xFFFF_FFFF_0000_0001])
    #expect(
      try Self.values(bytes) { try $0.readPackedSFixed64(into: &$1) }
        == [Int64(bitPattern: 0xFFFF_FFFF_0000_0001)])
    let floats: [Float] = try Self.values(bytes) { try $0.readPackedFloat(into: &$1) }
    #expect(floats.map(\.bitPattern) == [1, 0xFFFF_FFFF])
    let doubles: [Double] = try Self.values(bytes) { try $0.readPackedDouble(into: &$1) }
    #expect(doubles.map(\.bitPattern) == [0xFFFF_FFFF_0000_0001])
  }

  @Test("an empty packed field adds nothing")
  func empty() throws {
    let read = reading([0x00, 0x00]) { reader in
      var values: [UInt32] = [5]
      try reader.readPackedFixed32(into: &values)
      try reader.readPackedUInt32(into: &values)
      return values
    }
    #expect(try read.get().value == [5])
    #expect(try read.get().offset == 2)
  }

  @Test("fixed-size payloads must be whole elements", arguments: [1, 2, 3, 5, 7, 9])
  func misaligned(length: Int) {
    let bytes = [0x5A] + Self.packed([UInt8](repeating: 0, count: length))
    let error32 = readingError(bytes) { reader in
      var values: [UInt32] = []
      _ = try reader.nextTag()
      try reader.readPackedFixed32(into: &values)
      return values
    }
    #expect(
      error32
        == WireDecodingError(
          .misalignedPackedField(length: length, elementSize: 4), offset: 1, fieldNumber: 11))
    let error64 = readingError(bytes) { reader in
      var values: [Double] = []
      _ = try reader.nextTag()
      try reader.readPackedDouble(into: &values)
      return values
    }
    #expect(
      error64
        == WireDecodingError(
          .misalignedPackedField(length: length, elementSize: 8), offset: 1, fieldNumber: 11))
  }

  @Test("an element is not read past the packed length")
  func elementsStayInside() {
    // Two bytes of payload, both with the continuation bit; the byte after them would end
    // the varint but lies outside the field.
    let error = readingError([0x02, 0x96, 0x96, 0x01]) { reader in
      var values: [UInt64] = []
      try reader.readPackedUInt64(into: &values)
      return values
    }
    #expect(error == WireDecodingError(.truncated, offset: 1))
  }

  @Test("a packed length past the end is refused before reading")
  func lengthPastEnd() {
    let error = readingError([0x05, 0x01, 0x02]) { reader in
      var values: [Int32] = []
      try reader.readPackedInt32(into: &values)
      return values
    }
    #expect(error == WireDecodingError(.lengthPastEnd(length: 5, available: 2), offset: 0))
  }

  @Test("consecutiveCount counts only the run of the current length-delimited tag")
  func consecutiveCount() throws {
    let run: [UInt8] = [
      0x0A, 0x01, 0x61, 0x0A, 0x00, 0x0A, 0x02, 0x62, 0x63, 0x12, 0x00, 0x0A, 0x00,
    ]
    #expect(
      try reading(run) { reader in
        _ = try reader.nextTag()
        return reader.consecutiveCount()
      }.get().value == 3)
    // Varints are not counted; a damaged element ends the count.
    #expect(
      try reading([0x08, 0x01, 0x08, 0x02]) { reader in
        _ = try reader.nextTag()
        return reader.consecutiveCount()
      }.get().value == 1)
    #expect(
      try reading([0x0A, 0x05, 0x61]) { reader in
        _ = try reader.nextTag()
        return reader.consecutiveCount()
      }.get().value == 1)
    // Counting does not move the reader.
    let read = try reading(run) { reader in
      _ = try reader.nextTag()
      _ = reader.consecutiveCount()
      return try reader.readString()
    }.get()
    #expect(read.value == "a")
    #expect(read.offset == 3)
  }
}

import SwitchboardWire
import Testing

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
    let read = try reading(bytes) { reader throws(WireDecodingError) in
      var values: [Int32] = []
      try reader.readPackedInt32(into: &values)
      return values
    }.get()
    #expect(read.value == [3, 270, 86942])
    #expect(read.offset == bytes.count)
  }

  @Test("every varint kind, and values appended to existing ones")
  func varintKinds() throws {
    let payload = referenceVarint(1) + referenceVarint(UInt64(bitPattern: -1)) + referenceVarint(300)
    let bytes = Self.packed(payload)
    func read<T>(_ body: (inout WireReader, inout [T]) throws(WireDecodingError) -> Void, start: [T]) throws -> [T] {
      try reading(bytes) { reader throws(WireDecodingError) in
        var values = start
        try body(&reader, &values)
        return values
      }.get().value
    }
    #expect(try read({ reader, values throws(WireDecodingError) in try reader.readPackedInt32(into: &values) }, start: [9]) == [9, 1, -1, 300])
    #expect(try read({ reader, values throws(WireDecodingError) in try reader.readPackedInt64(into: &values) }, start: []) == [1, -1, 300])
    #expect(
      try read({ reader, values throws(WireDecodingError) in try reader.readPackedUInt32(into: &values) }, start: [])
        == [1, .max, 300])
    #expect(
      try read({ reader, values throws(WireDecodingError) in try reader.readPackedUInt64(into: &values) }, start: [])
        == [1, .max, 300])
    // ZigZag: 1 → -1, UInt64.max → Int64.min (sint64) and Int32.min (sint32, truncated), 300 → 150.
    #expect(
      try read({ reader, values throws(WireDecodingError) in try reader.readPackedSInt32(into: &values) }, start: [])
        == [-1, .min, 150])
    #expect(
      try read({ reader, values throws(WireDecodingError) in try reader.readPackedSInt64(into: &values) }, start: [])
        == [-1, .min, 150])
    #expect(
      try read({ reader, values throws(WireDecodingError) in try reader.readPackedBool(into: &values) }, start: [false])
        == [false, true, true, true])
    #expect(
      try read({ reader, values throws(WireDecodingError) in try reader.readPackedEnum(into: &values) }, start: [Shade.dark])
        == [.dark, .light, .unrecognized(-1), .unrecognized(300)])
  }

  @Test("every fixed-size kind")
  func fixedKinds() throws {
    let payload: [UInt8] = [0x01, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]
    let bytes = Self.packed(payload)
    func read<T>(_ body: (inout WireReader, inout [T]) throws(WireDecodingError) -> Void) throws -> [T] {
      try reading(bytes) { reader throws(WireDecodingError) in
        var values: [T] = []
        try body(&reader, &values)
        return values
      }.get().value
    }
    #expect(try read { reader, values throws(WireDecodingError) in try reader.readPackedFixed32(into: &values) } == [1, .max])
    #expect(try read { reader, values throws(WireDecodingError) in try reader.readPackedSFixed32(into: &values) } == [1, -1])
    #expect(try read { reader, values throws(WireDecodingError) in try reader.readPackedFixed64(into: &values) } == [0xFFFF_FFFF_0000_0001])
    #expect(
      try read { reader, values throws(WireDecodingError) in try reader.readPackedSFixed64(into: &values) }
        == [Int64(bitPattern: 0xFFFF_FFFF_0000_0001)])
    let floats: [Float] = try read { reader, values throws(WireDecodingError) in try reader.readPackedFloat(into: &values) }
    #expect(floats.map(\.bitPattern) == [1, 0xFFFF_FFFF])
    let doubles: [Double] = try read { reader, values throws(WireDecodingError) in try reader.readPackedDouble(into: &values) }
    #expect(doubles.map(\.bitPattern) == [0xFFFF_FFFF_0000_0001])
  }

  @Test("an empty packed field adds nothing")
  func empty() throws {
    let read = reading([0x00, 0x00]) { reader throws(WireDecodingError) in
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
    let error32 = readingError(bytes) { reader throws(WireDecodingError) in
      var values: [UInt32] = []
      _ = try reader.nextTag()
      try reader.readPackedFixed32(into: &values)
      return values
    }
    #expect(error32 == WireDecodingError(.misalignedPackedField(length: length, elementSize: 4), offset: 1, fieldNumber: 11))
    let error64 = readingError(bytes) { reader throws(WireDecodingError) in
      var values: [Double] = []
      _ = try reader.nextTag()
      try reader.readPackedDouble(into: &values)
      return values
    }
    #expect(error64 == WireDecodingError(.misalignedPackedField(length: length, elementSize: 8), offset: 1, fieldNumber: 11))
  }

  @Test("an element is not read past the packed length")
  func elementsStayInside() {
    // Two bytes of payload, both with the continuation bit; the byte after them would end
    // the varint but lies outside the field.
    let error = readingError([0x02, 0x96, 0x96, 0x01]) { reader throws(WireDecodingError) in
      var values: [UInt64] = []
      try reader.readPackedUInt64(into: &values)
      return values
    }
    #expect(error == WireDecodingError(.truncated, offset: 1))
  }

  @Test("a packed length past the end is refused before reading")
  func lengthPastEnd() {
    let error = readingError([0x05, 0x01, 0x02]) { reader throws(WireDecodingError) in
      var values: [Int32] = []
      try reader.readPackedInt32(into: &values)
      return values
    }
    #expect(error == WireDecodingError(.lengthPastEnd(length: 5, available: 2), offset: 0))
  }

  @Test("consecutiveCount counts only the run of the current length-delimited tag")
  func consecutiveCount() throws {
    let run: [UInt8] = [0x0A, 0x01, 0x61, 0x0A, 0x00, 0x0A, 0x02, 0x62, 0x63, 0x12, 0x00, 0x0A, 0x00]
    #expect(try reading(run) { reader throws(WireDecodingError) in _ = try reader.nextTag(); return reader.consecutiveCount() }.get().value == 3)
    // Varints are not counted; a damaged element ends the count.
    #expect(try reading([0x08, 0x01, 0x08, 0x02]) { reader throws(WireDecodingError) in _ = try reader.nextTag(); return reader.consecutiveCount() }.get().value == 1)
    #expect(try reading([0x0A, 0x05, 0x61]) { reader throws(WireDecodingError) in _ = try reader.nextTag(); return reader.consecutiveCount() }.get().value == 1)
    // Counting does not move the reader.
    let read = try reading(run) { reader throws(WireDecodingError) in
      _ = try reader.nextTag()
      _ = reader.consecutiveCount()
      return try reader.readString()
    }.get()
    #expect(read.value == "a")
    #expect(read.offset == 3)
  }
}

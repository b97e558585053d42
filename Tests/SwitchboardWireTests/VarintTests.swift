import SwitchboardWire
import Testing
import SwitchboardTestSupport

/// Protects the base-128 varint: its size and bytes at every 7-bit boundary, the ten-byte
/// form of negative `int32`s, and the reader accepting exactly what the writer produces.
@Suite("Varints")
struct VarintTests {
  /// Every boundary where the encoded size grows: 2^(7k) - 1 and 2^(7k), k = 0...9, and the top.
  static let boundaries: [(value: UInt64, bytes: [UInt8])] = {
    var cases: [(UInt64, [UInt8])] = [(0, [0x00])]
    for k in 1...9 {
      // 2^(7k) - 1: k - 1 bytes of seven ones with the continuation bit, then 0x7F.
      cases.append(((1 << (7 * k)) - 1, Array(repeating: 0xFF, count: k - 1) + [0x7F]))
      // 2^(7k): k bytes of seven zeros with the continuation bit, then a final 0x01.
      cases.append((1 << (7 * k), Array(repeating: 0x80, count: k) + [0x01]))
    }
    // UInt64.max: nine bytes of seven ones, then the 64th bit alone.
    cases.append((.max, Array(repeating: 0xFF, count: 9) + [0x01]))
    return cases
  }()

  @Test("size and bytes at each boundary", arguments: boundaries)
  func boundary(value: UInt64, bytes: [UInt8]) throws {
    #expect(WireSize.varint(value) == bytes.count)
    #expect(written(size: bytes.count) { $0.writeVarint(value) } == bytes)
    #expect(written(size: bytes.count) { $0.writeUInt64(value) } == bytes)
    let read = reading(bytes) { reader in try reader.readVarint() }
    #expect(try read.get().value == value)
    #expect(try read.get().offset == bytes.count)
    if let small = UInt32(exactly: value) {
      #expect(WireSize.varint(small) == bytes.count)
      #expect(written(size: bytes.count) { $0.writeUInt32(small) } == bytes)
    }
  }

  @Test("the first byte values: one byte up to 127, two from 128")
  func smallValues() {
    #expect(written(size: 1) { $0.writeVarint(1) } == [0x01])
    #expect(written(size: 1) { $0.writeVarint(127) } == [0x7F])
    #expect(written(size: 2) { $0.writeVarint(128) } == [0x80, 0x01])
    // The protobuf guide's example: 150 = 0b1_0010110 → 0x96 0x01.
    #expect(written(size: 2) { $0.writeVarint(150) } == [0x96, 0x01])
    #expect(written(size: 2) { $0.writeVarint(300) } == [0xAC, 0x02])
  }

  @Test("size of every bit length agrees with the textbook encoding")
  func everyBitLength() {
    for bits in 0...64 {
      let values: [UInt64] =
        bits == 0 ? [0] : [1 << (bits - 1), bits == 64 ? .max : (1 << bits) - 1]
      for value in values {
        let expected = referenceVarint(value)
        #expect(WireSize.varint(value) == expected.count, "\(value)")
        #expect(written(size: expected.count) { $0.writeVarint(value) } == expected, "\(value)")
        if let small = UInt32(exactly: value) {
          #expect(WireSize.varint(small) == expected.count, "\(value)")
        }
      }
    }
  }

  @Test("10,000 seeded values: size, bytes and read-back agree")
  func seededValues() throws {
    var random = SeededGenerator(seed: 0x7661_7269)
    for _ in 0..<10_000 {
      // Spread over all sizes: a random value shifted right by a random amount.
      let value = random.next() >> UInt64.random(in: 0...63, using: &random)
      let expected = referenceVarint(value)
      #expect(WireSize.varint(value) == expected.count, "\(value)")
      #expect(written(size: expected.count) { $0.writeVarint(value) } == expected, "\(value)")
      let read = try reading(expected) { reader in try reader.readVarint()
      }.get()
      #expect(read.value == value && read.offset == expected.count, "\(value)")
    }
  }

  @Test(
    "negative int32 is sign-extended to ten bytes",
    arguments: [Int32(-1), -2, -150, Int32.min])
  func negativeInt32(value: Int32) throws {
    let expected = referenceVarint(UInt64(bitPattern: Int64(value)))
    #expect(expected.count == 10)
    #expect(WireSize.int32(value) == 10)
    #expect(written(size: 10) { $0.writeInt32(value) } == expected)
    let read = try reading(expected) { reader in try reader.readInt32() }
      .get()
    #expect(read.value == value)
    #expect(read.offset == 10)
  }

  @Test("int32 -1 is FF×9 01, Int32.min is 80 80 80 80 F8 FF FF FF FF 01")
  func negativeInt32Bytes() {
    #expect(written(size: 10) { $0.writeInt32(-1) } == Array(repeating: 0xFF, count: 9) + [0x01])
    // 0xFFFF_FFFF_8000_0000: 31 zero bits (four 0x80 bytes and three zeros of the fifth,
    // whose four high payload bits are ones: 0xF8), then 33 ones.
    #expect(
      written(size: 10) { $0.writeInt32(.min) }
        == [0x80, 0x80, 0x80, 0x80, 0xF8, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
  }

  @Test("non-negative int32 and all int64 take their unsigned varint size")
  func signedSizes() {
    #expect(WireSize.int32(0) == 1)
    #expect(WireSize.int32(127) == 1)
    #expect(WireSize.int32(128) == 2)
    #expect(WireSize.int32(.max) == 5)
    #expect(written(size: 5) { $0.writeInt32(.max) } == [0xFF, 0xFF, 0xFF, 0xFF, 0x07])
    #expect(WireSize.int64(0) == 1)
    #expect(WireSize.int64(-1) == 10)
    #expect(WireSize.int64(.min) == 10)
    #expect(WireSize.int64(.max) == 9)
    #expect(written(size: 9) { $0.writeInt64(.max) } == Array(repeating: 0xFF, count: 8) + [0x7F])
  }

  @Test("int32 and uint32 readers truncate a wider varint to 32 bits, as protobuf specifies")
  func truncatingReads() throws {
    // 2^32 + 1 as a varint, as an int64 writer would send it.
    let wide = referenceVarint((1 << 32) + 1)
    #expect(
      try reading(wide) { reader in try reader.readInt32() }.get().value
        == 1)
    #expect(
      try reading(wide) { reader in try reader.readUInt32() }.get().value
        == 1)
    // A five-byte 0xFFFF_FFFF (a uint32 writer's -1) is -1 as an int32.
    let five: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]
    #expect(
      try reading(five) { reader in try reader.readInt32() }.get().value
        == -1)
  }

  @Test("padded, non-minimal varints are accepted")
  func nonMinimal() throws {
    // 1 written in ten bytes, and 0 written as 0x80 0x00.
    let padded: [UInt8] = [0x81] + Array(repeating: 0x80, count: 8) + [0x00]
    #expect(
      try reading(padded) { reader in try reader.readVarint() }.get()
        .value == 1)
    #expect(
      try reading([0x80, 0x00]) { reader in try reader.readVarint() }
        .get().value == 0)
  }

  @Test("the tenth byte contributes only the 64th bit")
  func tenthByteOverflow() throws {
    // Bits beyond 64 in the tenth byte are dropped, as in protobuf's own runtimes.
    let bytes: [UInt8] = Array(repeating: 0xFF, count: 9) + [0x7F]
    let read = try reading(bytes) { reader in try reader.readVarint() }
      .get()
    #expect(read.value == .max)
    #expect(read.offset == 10)
  }

  @Test("booleans: one byte on write, any non-zero varint is true on read")
  func booleans() throws {
    #expect(written(size: 1) { $0.writeBool(true) } == [0x01])
    #expect(written(size: 1) { $0.writeBool(false) } == [0x00])
    for bytes: [UInt8] in [[0x01], [0x02], [0xFF, 0x01], [0x80, 0x80, 0x01]] {
      #expect(
        try reading(bytes) { reader in try reader.readBool() }.get().value
          == true)
    }
    #expect(
      try reading([0x80, 0x00]) { reader in try reader.readBool() }.get()
        .value == false)
  }

  @Test("length-delimited sizes include the prefix")
  func lengthDelimitedSizes() {
    #expect(WireSize.lengthDelimited(0) == 1)
    #expect(WireSize.lengthDelimited(127) == 128)
    #expect(WireSize.lengthDelimited(128) == 130)
    #expect(WireSize.lengthDelimited(16_384) == 16_387)
    #expect(WireSize.string("") == 1)
    #expect(WireSize.string("é") == 3)
    #expect(WireSize.bytes([1, 2, 3]) == 4)
  }
}

import SwitchboardWire
import Testing

/// Protects the fixed-width values: little-endian byte order whatever the host, IEEE 754 bit
/// patterns (negative zero, NaN payloads, infinities) kept exactly, and truncation detected.
@Suite("Fixed-width values")
struct FixedWidthTests {
  @Test("fixed32 and fixed64 are little-endian")
  func littleEndian() throws {
    #expect(written(size: 4) { $0.writeFixed32(0x1234_5678) } == [0x78, 0x56, 0x34, 0x12])
    #expect(
      written(size: 8) { $0.writeFixed64(0x0102_0304_0506_0708) }
        == [0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01])
    #expect(written(size: 4) { $0.writeSFixed32(-2) } == [0xFE, 0xFF, 0xFF, 0xFF])
    #expect(written(size: 8) { $0.writeSFixed64(.min) } == [0, 0, 0, 0, 0, 0, 0, 0x80])
    let four: [UInt8] = [0x78, 0x56, 0x34, 0x12]
    #expect(
      try reading(four) { try $0.readFixed32() }.get().value
        == 0x1234_5678)
    #expect(
      try reading(four) { try $0.readSFixed32() }.get()
        .value == 0x1234_5678)
    let eight: [UInt8] = [0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x81]
    #expect(
      try reading(eight) { try $0.readFixed64() }.get()
        .value == 0x8102_0304_0506_0708)
    #expect(
      try reading(eight) { try $0.readSFixed64() }.get()
        .value
        == Int64(bitPattern: 0x8102_0304_0506_0708))
  }

  @Test("1.0 as float and double, as in the encoding guide")
  func one() {
    #expect(written(size: 4) { $0.writeFloat(1) } == [0x00, 0x00, 0x80, 0x3F])
    #expect(written(size: 8) { $0.writeDouble(1) } == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
  }

  static let floatPatterns: [UInt32] = [
    0x0000_0000, 0x8000_0000,  // +0, -0
    0x7F80_0000, 0xFF80_0000,  // ±infinity
    0x7FC0_0000, 0xFFC0_0001, 0x7F80_0001, 0x7FBF_FFFF,  // quiet and signalling NaNs with payloads
    0x0000_0001, 0x807F_FFFF,  // subnormals
    0x7F7F_FFFF, 0xFF7F_FFFF,  // ±greatestFiniteMagnitude
  ]

  static let doublePatterns: [UInt64] = [
    0, 0x8000_0000_0000_0000,
    0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000,
    0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0001, 0x7FF0_0000_0000_0001, 0x7FF7_FFFF_FFFF_FFFF,
    0x0000_0000_0000_0001, 0x800F_FFFF_FFFF_FFFF,
    0x7FEF_FFFF_FFFF_FFFF, 0xFFEF_FFFF_FFFF_FFFF,
  ]

  @Test("float bit patterns survive a write and a read", arguments: floatPatterns)
  func floatBits(pattern: UInt32) throws {
    let bytes = written(size: 4) { $0.writeFloat(Float(bitPattern: pattern)) }
    #expect(bytes == [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: pattern >> $0) })
    let read = try reading(bytes) { try $0.readFloat() }
      .get()
    #expect(read.value.bitPattern == pattern)
  }

  @Test("double bit patterns survive a write and a read", arguments: doublePatterns)
  func doubleBits(pattern: UInt64) throws {
    let bytes = written(size: 8) { $0.writeDouble(Double(bitPattern: pattern)) }
    #expect(
      bytes
        == stride(from: 0, to: 64, by: 8).map { UInt8(truncatingIfNeeded: pattern >> UInt64($0)) })
    let read = try reading(bytes) { try $0.readDouble() }
      .get()
    #expect(read.value.bitPattern == pattern)
  }

  @Test("too few bytes for a fixed value is truncation at the value's first byte")
  func truncated() {
    for count in 0..<4 {
      let bytes = [UInt8](repeating: 0xAB, count: count)
      let error = readingError(bytes) { reader in try reader.readFixed32()
      }
      #expect(error == WireDecodingError(.truncated, offset: 0))
    }
    for count in 0..<8 {
      let bytes = [UInt8](repeating: 0xAB, count: count)
      let error = readingError(bytes) { reader in try reader.readDouble()
      }
      #expect(error == WireDecodingError(.truncated, offset: 0))
    }
    // After a varint, the offset points past it.
    let error = readingError([0x01, 0, 0, 0]) { reader in
      _ = try reader.readVarint()
      return try reader.readFixed32()
    }
    #expect(error == WireDecodingError(.truncated, offset: 1))
  }
}

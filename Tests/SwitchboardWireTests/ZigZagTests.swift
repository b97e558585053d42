import SwitchboardWire
import Testing
import SwitchboardTestSupport

/// Protects ZigZag (`sint32`, `sint64`): small magnitudes stay small both ways, the extremes
/// map onto the top of the unsigned range, and decoding inverts encoding everywhere.
@Suite("ZigZag")
struct ZigZagTests {
  @Test("sint32 table from the protobuf encoding guide, and the extremes")
  func table32() {
    let table: [(Int32, UInt32)] = [
      (0, 0), (-1, 1), (1, 2), (-2, 3), (2, 4), (63, 126), (-64, 127), (64, 128),
      (0x7FFF_FFFF, 0xFFFF_FFFE), (-0x8000_0000, 0xFFFF_FFFF),
    ]
    for (signed, unsigned) in table {
      #expect(WireFormat.zigZag(signed) == unsigned, "\(signed)")
      #expect(WireFormat.unZigZag(unsigned) == signed, "\(unsigned)")
    }
  }

  @Test("sint64 table and the extremes")
  func table64() {
    let table: [(Int64, UInt64)] = [
      (0, 0), (-1, 1), (1, 2), (-2, 3), (2, 4),
      (Int64(Int32.max), 0xFFFF_FFFE), (Int64(Int32.min), 0xFFFF_FFFF),
      (.max, 0xFFFF_FFFF_FFFF_FFFE), (.min, .max),
    ]
    for (signed, unsigned) in table {
      #expect(WireFormat.zigZag(signed) == unsigned, "\(signed)")
      #expect(WireFormat.unZigZag(unsigned) == signed, "\(unsigned)")
    }
  }

  @Test("10,000 seeded values round trip in both widths and both directions")
  func seeded() {
    var random = SeededGenerator(seed: 0x7A69_677A)
    for _ in 0..<10_000 {
      let bits = random.next()
      let narrow = Int32(truncatingIfNeeded: bits)
      let wide = Int64(bitPattern: bits)
      #expect(WireFormat.unZigZag(WireFormat.zigZag(narrow)) == narrow)
      #expect(WireFormat.unZigZag(WireFormat.zigZag(wide)) == wide)
      // Every unsigned value is some signed value's image.
      #expect(
        WireFormat.zigZag(WireFormat.unZigZag(UInt32(truncatingIfNeeded: bits)))
          == UInt32(truncatingIfNeeded: bits))
      #expect(WireFormat.zigZag(WireFormat.unZigZag(bits)) == bits)
      // Magnitude, not sign, decides the size: -n and n differ by at most one step.
      #expect(WireFormat.zigZag(Int64(narrow)) == UInt64(WireFormat.zigZag(narrow)))
    }
  }

  @Test("writer and reader: -1 is one byte, the extremes are five and ten")
  func onTheWire() throws {
    #expect(written(size: 1) { $0.writeSInt32(-1) } == [0x01])
    #expect(written(size: 1) { $0.writeSInt64(-1) } == [0x01])
    #expect(written(size: 1) { $0.writeSInt32(-64) } == [0x7F])
    #expect(written(size: 2) { $0.writeSInt32(64) } == [0x80, 0x01])
    #expect(WireSize.sint32(.min) == 5)
    #expect(written(size: 5) { $0.writeSInt32(.min) } == [0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
    #expect(written(size: 5) { $0.writeSInt32(.max) } == [0xFE, 0xFF, 0xFF, 0xFF, 0x0F])
    #expect(WireSize.sint64(.min) == 10)
    #expect(written(size: 10) { $0.writeSInt64(.min) } == Array(repeating: 0xFF, count: 9) + [0x01])
    #expect(
      written(size: 10) { $0.writeSInt64(.max) } == [0xFE] + Array(repeating: 0xFF, count: 8) + [
        0x01
      ])
    for value in [Int32.min, -1, 0, 1, .max] {
      let bytes = written(size: WireSize.sint32(value)) { $0.writeSInt32(value) }
      #expect(
        try reading(bytes) { try $0.readSInt32() }.get()
          .value == value)
    }
    for value in [Int64.min, -1, 0, 1, .max] {
      let bytes = written(size: WireSize.sint64(value)) { $0.writeSInt64(value) }
      #expect(
        try reading(bytes) { try $0.readSInt64() }.get()
          .value == value)
    }
  }
}

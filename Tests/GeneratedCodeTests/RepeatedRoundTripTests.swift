import EverythingSchema
import SwitchboardRPC
import Testing
import SwitchboardTestSupport

/// Protects repeated fields: every element type round trips with its extremes, scalars are
/// packed (one tag, one length) except the field declared `[packed = false]`, and order and
/// duplicates are kept.
@Suite("Repeated round trips")
struct RepeatedRoundTripTests {
  static let full = Repeated(
    doubles: [0, 1.5, -.greatestFiniteMagnitude, .infinity],
    floats: [0, -1.5, .greatestFiniteMagnitude, -.infinity],
    int32S: [0, 1, -1, .min, .max, 150], int64S: [0, -1, .min, .max],
    uint32S: [0, 127, 128, .max], uint64S: [0, 16_383, 16_384, .max],
    sint32S: [0, -1, 1, .min, .max], sint64S: [0, -1, 1, .min, .max],
    fixed32S: [0, .max], fixed64S: [0, .max], sfixed32S: [.min, -1, .max],
    sfixed64S: [.min, .max], bools: [true, false, true],
    strings: ["", "a", "ü", "", "日本"], byteStrings: [[], [0], [0xFF, 0x00]],
    priorities: [.unspecified, .high, .unrecognized(42), .low, .unrecognized(-1)],
    stamps: [Stamp(), Stamp(millis: -1), Stamp(millis: .max)],
    unpackedInt32S: [0, -1, 300])

  @Test("every repeated type with its extremes")
  func everyField() throws {
    try expectRoundTrip(Self.full)
  }

  @Test("empty repeated fields write nothing")
  func empty() {
    #expect(Repeated().serializedBytes() == [])
  }

  @Test("scalars are packed: one tag and one length for all elements")
  func packed() throws {
    // Field 3, wire type 2: 1A; six bytes: 03, 8E 02, 9E A7 05.
    #expect(
      Repeated(int32S: [3, 270, 86942]).serializedBytes() == [
        0x1A, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05,
      ])
    // Field 13 (bools), wire type 2: 6A; three one-byte values.
    #expect(
      Repeated(bools: [true, false, true]).serializedBytes() == [0x6A, 0x03, 0x01, 0x00, 0x01])
    // Field 9 (fixed32), wire type 2: 4A; eight bytes.
    #expect(Repeated(fixed32S: [1, 2]).serializedBytes() == [0x4A, 0x08, 1, 0, 0, 0, 2, 0, 0, 0])
    // Field 16 (enums): tag 16 << 3 | 2 = 130 → 82 01.
    #expect(
      Repeated(priorities: [.high, .low]).serializedBytes() == [0x82, 0x01, 0x02, 0x02, 0x01])
  }

  @Test("packed zeros are still written: repeated fields have no default elements")
  func zeroElements() throws {
    #expect(Repeated(int32S: [0, 0]).serializedBytes() == [0x1A, 0x02, 0x00, 0x00])
    #expect(Repeated(strings: [""]).serializedBytes() == [0x72, 0x00])
    #expect(Repeated(stamps: [Stamp()]).serializedBytes() == [0x8A, 0x01, 0x00])
    try expectRoundTrip(
      Repeated(int32S: [0, 0], strings: ["", ""], byteStrings: [[]], stamps: [Stamp()]))
  }

  @Test("the unpacked field writes a tag per element")
  func unpacked() {
    // Field 18, wire type 0: 18 << 3 = 144 → 90 01; then each value.
    #expect(
      Repeated(unpackedInt32S: [1, 2]).serializedBytes() == [0x90, 0x01, 0x01, 0x90, 0x01, 0x02])
  }

  @Test("a long packed field has a multi-byte length")
  func longPacked() throws {
    let values = (0..<10_000).map { Int32($0) - 5_000 }
    let message = Repeated(int32S: values, sint64S: values.map(Int64.init))
    let bytes = message.serializedBytes()
    #expect(bytes.count == message.serializedSize())
    #expect(Array(bytes.prefix(1)) == [0x1A])
    try expectRoundTrip(message)
  }

  @Test("500 seeded messages round trip")
  func seeded() throws {
    let seed: UInt64 = 0x7265_7065
    var random = SeededGenerator(seed: seed)
    for iteration in 0..<500 {
      func count() -> Int { Int.random(in: 0...6, using: &random) }
      func bits() -> UInt64 { random.next() >> UInt64.random(in: 0...63, using: &random) }
      let message = Repeated(
        doubles: (0..<count()).map { _ in Double(Int64(bitPattern: random.next())) },
        int32S: (0..<count()).map { _ in
          Int32(truncatingIfNeeded: Int64(bitPattern: bits()) - Int64(bitPattern: bits()))
        },
        int64S: (0..<count()).map { _ in Int64(bitPattern: random.next()) },
        uint64S: (0..<count()).map { _ in bits() },
        sint32S: (0..<count()).map { _ in Int32(truncatingIfNeeded: random.next()) },
        sint64S: (0..<count()).map { _ in Int64(bitPattern: bits()) },
        sfixed64S: (0..<count()).map { _ in Int64(bitPattern: random.next()) },
        bools: (0..<count()).map { _ in Bool.random(using: &random) },
        strings: (0..<count()).map { _ in String(repeating: "é", count: count()) },
        priorities: (0..<count()).map { _ in
          Priority(rawValue: Int32.random(in: -3...5, using: &random))
        },
        stamps: (0..<count()).map { _ in Stamp(millis: Int64(bitPattern: bits())) },
        unpackedInt32S: (0..<count()).map { _ in Int32(truncatingIfNeeded: random.next()) })
      try expectRoundTrip(message, "seed \(seed) iteration \(iteration)")
    }
  }
}

import EverythingSchema
import SwitchboardRPC
import Testing
import SwitchboardTestSupport

/// Protects the generated code of every scalar type: extremes and zero survive a round trip,
/// fields at their proto3 default are not written (implicit presence), and each field is
/// written under its own tag.
@Suite("Scalar round trips")
struct ScalarRoundTripTests {
  static let extremes: [Scalars] = [
    Scalars(
      aDouble: .greatestFiniteMagnitude, aFloat: .greatestFiniteMagnitude, anInt32: .max,
      anInt64: .max,
      aUint32: .max, aUint64: .max, aSint32: .max, aSint64: .max, aFixed32: .max, aFixed64: .max,
      anSfixed32: .max, anSfixed64: .max, aBool: true, aString: "max", someBytes: [0xFF]),
    Scalars(
      aDouble: -.greatestFiniteMagnitude, aFloat: -.greatestFiniteMagnitude, anInt32: .min,
      anInt64: .min, aUint32: 1, aUint64: 1, aSint32: .min, aSint64: .min, aFixed32: 1, aFixed64: 1,
      anSfixed32: .min, anSfixed64: .min, aBool: true, aString: "\u{0}", someBytes: [0x00]),
    Scalars(
      aDouble: .leastNonzeroMagnitude, aFloat: .leastNonzeroMagnitude, anInt32: -1, anInt64: -1,
      aUint32: 128, aUint64: 1 << 63, aSint32: -1, aSint64: -1, aFixed32: 0x8000_0000,
      aFixed64: 1 << 63, anSfixed32: -1, anSfixed64: -1, aString: "é", someBytes: [0x80]),
    Scalars(aDouble: .pi, aFloat: -.pi, anInt32: 1, anInt64: 1, aSint32: 1, aSint64: 1),
    Scalars(),
  ]

  @Test("extremes and ordinary values survive a round trip", arguments: extremes.indices)
  func extreme(index: Int) throws {
    try expectRoundTrip(Self.extremes[index])
  }

  @Test("a message with every field at its default writes nothing")
  func defaultsAreNotWritten() throws {
    #expect(Scalars().serializedBytes() == [])
    let zeros = Scalars(
      aDouble: 0, aFloat: 0, anInt32: 0, anInt64: 0, aUint32: 0, aUint64: 0, aSint32: 0,
      aSint64: 0, aFixed32: 0, aFixed64: 0, anSfixed32: 0, anSfixed64: 0, aBool: false,
      aString: "", someBytes: [])
    #expect(zeros.serializedBytes() == [])
    #expect(try Scalars(serializedBytes: []) == Scalars())
  }

  /// Each field alone, with the tag byte it must start with.
  static let singleFields: [(name: String, message: Scalars, tag: UInt8)] = [
    ("aDouble", Scalars(aDouble: 1), 0x09),
    ("aFloat", Scalars(aFloat: 1), 0x15),
    ("anInt32", Scalars(anInt32: 1), 0x18),
    ("anInt64", Scalars(anInt64: 1), 0x20),
    ("aUint32", Scalars(aUint32: 1), 0x28),
    ("aUint64", Scalars(aUint64: 1), 0x30),
    ("aSint32", Scalars(aSint32: 1), 0x38),
    ("aSint64", Scalars(aSint64: 1), 0x40),
    ("aFixed32", Scalars(aFixed32: 1), 0x4D),
    ("aFixed64", Scalars(aFixed64: 1), 0x51),
    ("anSfixed32", Scalars(anSfixed32: 1), 0x5D),
    ("anSfixed64", Scalars(anSfixed64: 1), 0x61),
    ("aBool", Scalars(aBool: true), 0x68),
    ("aString", Scalars(aString: "a"), 0x72),
    ("someBytes", Scalars(someBytes: [1]), 0x7A),
  ]

  @Test("each field is written alone under its own tag", arguments: singleFields)
  func singleField(name: String, message: Scalars, tag: UInt8) throws {
    let bytes = message.serializedBytes()
    #expect(bytes.first == tag)
    #expect(try Scalars(serializedBytes: bytes) == message)
  }

  @Test("negative int32 and int64 are ten-byte varints; sint32 -1 is one byte")
  func negativeIntegers() throws {
    let tenBytesOfMinusOne: [UInt8] = Array(repeating: 0xFF, count: 9) + [0x01]
    #expect(Scalars(anInt32: -1).serializedBytes() == [0x18] + tenBytesOfMinusOne)
    #expect(Scalars(anInt64: -1).serializedBytes() == [0x20] + tenBytesOfMinusOne)
    #expect(Scalars(aSint32: -1).serializedBytes() == [0x38, 0x01])
    #expect(Scalars(aSint64: -1).serializedBytes() == [0x40, 0x01])
    #expect(
      Scalars(anInt32: .min).serializedBytes()
        == [0x18, 0x80, 0x80, 0x80, 0x80, 0xF8, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
    #expect(try Scalars(serializedBytes: [0x18] + tenBytesOfMinusOne).anInt32 == -1)
  }

  @Test("strings: empty, non-ASCII, NUL, and every plane")
  func strings() throws {
    for text in [
      "", "a", "\u{0}", "Grüße", "Καλημέρα", "日本語",
      "👋🏽👨‍👩‍👧", "\u{10FFFF}", "a\u{0}b", "\r\n",
    ] {
      try expectRoundTrip(Scalars(aString: text), "\(text.unicodeScalars.map(\.value))")
      try expectRoundTrip(OptionalScalars(aString: text))
      #expect(
        Scalars(aString: text).serializedBytes().count
          == (text.isEmpty ? 0 : 1 + referenceVarint(UInt64(text.utf8.count)).count + text.utf8.count))
    }
  }

  @Test("bytes: empty, every byte value, and invalid UTF-8 (bytes are not validated)")
  func bytes() throws {
    try expectRoundTrip(Scalars(someBytes: Array(0...255)))
    try expectRoundTrip(Scalars(someBytes: [0xC0, 0x80, 0xED, 0xA0, 0x80, 0xFF]))
    #expect(Scalars(someBytes: []).serializedBytes() == [])
  }

  @Test("a string field with invalid UTF-8 is refused at its first byte")
  func invalidUTF8() {
    // Field 14, length 2, then an overlong encoding of "/".
    let error = decodingError(Scalars.self, [0x72, 0x02, 0xC0, 0xAF])
    #expect(error == WireDecodingError(.invalidUTF8, offset: 2, fieldNumber: 14))
  }

  @Test("10,000 seeded messages round trip")
  func seeded() throws {
    let seed: UInt64 = 0x7363_616C
    var random = SeededGenerator(seed: seed)
    func bits() -> UInt64 { random.next() >> UInt64.random(in: 0...63, using: &random) }
    for iteration in 0..<10_000 {
      let message = Scalars(
        aDouble: Double(bitPattern: random.next()),
        aFloat: Float(Int32(truncatingIfNeeded: random.next())),
        anInt32: Int32(truncatingIfNeeded: Int64(bitPattern: bits())),
        anInt64: Int64(bitPattern: bits()) * (Bool.random(using: &random) ? 1 : -1),
        aUint32: UInt32(truncatingIfNeeded: bits()), aUint64: bits(),
        aSint32: Int32(truncatingIfNeeded: Int64(bitPattern: bits())),
        aSint64: Int64(bitPattern: bits()),
        aFixed32: UInt32(truncatingIfNeeded: bits()), aFixed64: bits(),
        anSfixed32: Int32(truncatingIfNeeded: Int64(bitPattern: random.next())),
        anSfixed64: Int64(bitPattern: random.next()), aBool: Bool.random(using: &random),
        aString: String(repeating: "ü", count: Int.random(in: 0...3, using: &random)),
        someBytes: (0..<Int.random(in: 0...4, using: &random)).map { _ in
          UInt8.random(in: 0...255, using: &random)
        })
      var decoded = try roundTripped(message)
      // Random bits may form a NaN, which is not equal to itself: compare bit patterns.
      #expect(
        decoded.aDouble.bitPattern == message.aDouble.bitPattern,
        "seed \(seed) iteration \(iteration)")
      var expected = message
      (expected.aDouble, decoded.aDouble) = (0, 0)
      #expect(decoded == expected, "seed \(seed) iteration \(iteration)")
    }
  }
}

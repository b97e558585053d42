import SwitchboardWire
import Testing

/// Protects what callers use on every message: `serializedBytes()`, `init(serializedBytes:)`
/// from contiguous, sliced and non-contiguous collections (offsets relative to the first byte
/// given), and `merge(serializedBytes:)` with protobuf's concatenation semantics.
@Suite("Message entry points")
struct MessageEntryPointTests {
  static let sample = Chain(
    links: [Chain(number: -1), Chain(text: "ünïcödé")], number: 42, text: "top",
    shades: [.light, .unrecognized(9), .plain])

  @Test("empty input is the default message, and the default message is empty")
  func empty() throws {
    #expect(try Chain(serializedBytes: []) == Chain())
    #expect(Chain().serializedBytes().isEmpty)
    #expect(Chain().serializedSize() == 0)
  }

  @Test("the same message from an array, a slice, a raw buffer and a non-contiguous collection")
  func collections() throws {
    let bytes = Self.sample.serializedBytes()
    #expect(bytes.count == Self.sample.serializedSize())
    #expect(try Chain(serializedBytes: bytes) == Self.sample)
    let padded = [0xEE, 0xEE] + bytes + [0xEE]
    #expect(try Chain(serializedBytes: padded[2..<(2 + bytes.count)]) == Self.sample)
    #expect(try bytes.withUnsafeBytes { try Chain(serializedBytes: $0) } == Self.sample)
    #expect(try Chain(serializedBytes: bytes.lazy.map { $0 }) == Self.sample)
    #expect(try Chain(serializedBytes: AnySequenceCollection(bytes)) == Self.sample)
  }

  @Test("error offsets count from the first byte given, whatever the collection")
  func errorOffsets() {
    // Field 3 (string) with an invalid byte at offset 4.
    let bad: [UInt8] = [0x10, 0x01, 0x1A, 0x01, 0xFF]
    let expected = WireDecodingError(.invalidUTF8, offset: 4, fieldNumber: 3)
    #expect(throws: expected) { try Chain(serializedBytes: bad) }
    #expect(throws: expected) { try Chain(serializedBytes: ([0x00, 0x00] + bad)[2...]) }
    #expect(throws: expected) { try Chain(serializedBytes: bad.lazy.map { $0 }) }
  }

  @Test("merging replaces scalars, appends repeated fields, keeps unknown fields of both")
  func merge() throws {
    var message = Chain(links: [Chain(number: 1)], number: 5, text: "first", shades: [.dark])
    message.unknownFields = UnknownFields(bytes: [0x28, 0x01])
    var update = Chain(links: [Chain(number: 2)], number: 6, shades: [.light])
    update.unknownFields = UnknownFields(bytes: [0x30, 0x02])
    try message.merge(serializedBytes: update.serializedBytes())
    #expect(message.links == [Chain(number: 1), Chain(number: 2)])
    #expect(message.number == 6)
    // proto3 does not write an empty string, so the first text stays.
    #expect(message.text == "first")
    #expect(message.shades == [.dark, .light])
    #expect(message.unknownFields.bytes == [0x28, 0x01, 0x30, 0x02])
  }

  @Test("decoding concatenated encodings equals merging them one after the other")
  func concatenation() throws {
    let first = Self.sample
    let second = Chain(links: [Chain(number: 3)], number: 9, shades: [.dark])
    let concatenated = try Chain(
      serializedBytes: first.serializedBytes() + second.serializedBytes())
    var merged = first
    try merged.merge(serializedBytes: second.serializedBytes())
    #expect(concatenated == merged)
    #expect(concatenated.number == 9)
    #expect(concatenated.links.count == 3)
  }

  @Test("unknown fields are appended after the known ones on encode")
  func unknownAfterKnown() throws {
    // An unknown varint field 9 first, then field 2.
    let bytes: [UInt8] = [0x48, 0x07, 0x10, 0x01]
    let message = try Chain(serializedBytes: bytes)
    #expect(message.number == 1)
    #expect(message.unknownFields.bytes == [0x48, 0x07])
    #expect(message.serializedBytes() == [0x10, 0x01, 0x48, 0x07])
  }

  @Test("an enum number the schema does not know survives a round trip")
  func unrecognizedEnum() throws {
    let message = Chain(shades: [.unrecognized(-5), .unrecognized(Int32.max)])
    let decoded = try Chain(serializedBytes: message.serializedBytes())
    #expect(decoded.shades == [.unrecognized(-5), .unrecognized(.max)])
    #expect(Shade(rawValue: 2) == .dark)
    #expect(Shade.allCases.count == 3)
  }
}

/// A collection of bytes with no contiguous storage, to take the copying path.
struct AnySequenceCollection: Collection {
  let base: [UInt8]
  init(_ base: [UInt8]) { self.base = base }
  var startIndex: Int { base.startIndex }
  var endIndex: Int { base.endIndex }
  subscript(position: Int) -> UInt8 { base[position] }
  func index(after i: Int) -> Int { i + 1 }
}

import SwitchboardWire
import Testing

/// Protects the nesting limit (``WireFormat/maxNesting``): 100 embedded messages below the
/// outermost decode, the 101st is refused before any recursion, hostile depth cannot exhaust
/// the stack, and leaving a message gives its level back.
@Suite("Nesting limit")
struct NestingLimitTests {
  /// The offset just after the length of the `level`-th embedded `links` field of `bytes`.
  static func contentOffset(of bytes: [UInt8], level: Int) throws -> Int {
    var offset = 0
    for _ in 0..<level {
      #expect(bytes[offset] == 0x0A)
      let length = try reading(Array(bytes[(offset + 1)...])) { reader in
        try reader.readVarint()
      }.get()
      offset += 1 + length.offset
    }
    return offset
  }

  @Test("the limit is 100")
  func limit() {
    #expect(WireFormat.maxNesting == 100)
  }

  @Test("100 embedded messages decode")
  func hundred() throws {
    let chain = Chain.nested(depth: 100)
    let decoded = try Chain(serializedBytes: chain.serializedBytes())
    #expect(decoded == chain)
  }

  @Test("101 embedded messages throw nestingTooDeep at the 101st's first byte")
  func hundredAndOne() throws {
    let bytes = Chain.nested(depth: 101).serializedBytes()
    let expected = WireDecodingError(
      .nestingTooDeep, offset: try Self.contentOffset(of: bytes, level: 101), fieldNumber: 1)
    #expect(throws: expected) { try Chain(serializedBytes: bytes) }
  }

  @Test("100,000 levels of hostile nesting fail at level 101 without exhausting the stack")
  func hostileDepth() throws {
    // Each level is a tag and a three-byte (padded) length claiming everything after it, so
    // the input is well formed all the way down: without the limit, decoding would recurse
    // 100,000 deep.
    let levels = 100_000
    var bytes: [UInt8] = []
    bytes.reserveCapacity(levels * 4)
    for level in 0..<levels {
      let length = 4 * (levels - level - 1)
      bytes += [
        0x0A, UInt8(length & 0x7F) | 0x80, UInt8((length >> 7) & 0x7F) | 0x80, UInt8(length >> 14),
      ]
    }
    let error = try #require(throws: WireDecodingError.self) { try Chain(serializedBytes: bytes) }
    #expect(error == WireDecodingError(.nestingTooDeep, offset: 4 * 101, fieldNumber: 1))
  }

  @Test("siblings do not add up: many chains of 100 side by side decode")
  func siblings() throws {
    let wide = Chain(links: Array(repeating: Chain.nested(depth: 99), count: 20))
    #expect(try Chain(serializedBytes: wide.serializedBytes()) == wide)
  }

  @Test("groups count towards the same limit as messages")
  func groupsInsideMessages() throws {
    // 99 embedded messages, then one group inside the innermost: 100 levels, accepted.
    var innermost = Chain(number: 1)
    innermost.unknownFields = UnknownFields(bytes: [0x2B, 0x2C])  // group 5, empty
    var chain = innermost
    for _ in 0..<99 { chain = Chain(links: [chain]) }
    #expect(try Chain(serializedBytes: chain.serializedBytes()) == chain)
    // Two nested groups there: 101 levels.
    innermost.unknownFields = UnknownFields(bytes: [0x2B, 0x2B, 0x2C, 0x2C])
    chain = innermost
    for _ in 0..<99 { chain = Chain(links: [chain]) }
    let error = try #require(throws: WireDecodingError.self) {
      try Chain(serializedBytes: chain.serializedBytes())
    }
    #expect(error.reason == .nestingTooDeep)
    #expect(error.fieldNumber == 5)
  }
}

import SwitchboardWire
import Testing

/// Protects the skipping of proto2 groups (wire types 3 and 4), which a proto3 reader only
/// meets as unknown fields: kept byte for byte with whatever they contain, nested groups
/// included, with mismatched or missing end markers and runaway nesting refused.
@Suite("Group skipping")
struct GroupSkippingTests {
  /// Field 2 as a group holding a varint, a nested group 3 (with a string, a fixed32 and a
  /// fixed64 inside), and an empty group 4.
  static let nestedGroup: [UInt8] =
    [0x13]  // start group, field 2
    + [0x08, 0x05]  // field 1 varint 5
    + [0x1B]  // start group, field 3
    + [0x0A, 0x02, 0x68, 0x69]  // field 1 "hi"
    + [0x1D, 0x01, 0x02, 0x03, 0x04]  // field 3 fixed32
    + [0x19, 1, 2, 3, 4, 5, 6, 7, 8]  // field 3 fixed64
    + [0x1C]  // end group, field 3
    + [0x23, 0x24]  // empty group, field 4
    + [0x14]  // end group, field 2

  @Test("a group with nested groups is kept verbatim, and reading goes on after it")
  func keptVerbatim() throws {
    let bytes: [UInt8] = [0x08, 0x01] + Self.nestedGroup + [0x18, 0x02]
    let read = try reading(bytes) { try skipAll(&$0) }.get()
    #expect(read.value == bytes)
    #expect(read.offset == bytes.count)
  }

  @Test("skipping one group records exactly its bytes")
  func exactlyTheGroup() throws {
    let bytes: [UInt8] = Self.nestedGroup + [0x18, 0x02]
    let read = try reading(bytes) { reader in
      var unknown = UnknownFields()
      let tag = try reader.nextTag()!
      try reader.skipField(tag, into: &unknown)
      let next = try reader.nextTag()
      return (unknown.bytes, next)
    }.get()
    #expect(read.value.0 == Self.nestedGroup)
    #expect(read.value.1 == 0x18)
  }

  @Test("skipping without keeping advances over the same bytes")
  func discarded() throws {
    let bytes: [UInt8] = Self.nestedGroup + [0x18, 0x02]
    let read = try reading(bytes) { reader in
      let tag = try reader.nextTag()!
      try reader.skipField(tag)
      return reader.offset
    }.get()
    #expect(read.value == Self.nestedGroup.count)
  }

  @Test("a group on the largest field number")
  func largestField() throws {
    // Start: 0xFFFF_FFFB = FB FF FF FF 0F; end: 0xFFFF_FFFC = FC FF FF FF 0F.
    let bytes: [UInt8] = [0xFB, 0xFF, 0xFF, 0xFF, 0x0F, 0x08, 0x01, 0xFC, 0xFF, 0xFF, 0xFF, 0x0F]
    #expect(
      try reading(bytes) { try skipAll(&$0) }.get().value
        == bytes)
  }

  @Test("end markers that do not match their group")
  func mismatched() {
    // Group 2 closed by an end for field 3.
    #expect(
      readingError([0x13, 0x08, 0x01, 0x1C]) { reader in
        try skipAll(&reader)
      }
        == WireDecodingError(.unmatchedEndGroup, offset: 3, fieldNumber: 3))
    // Nested group 3 closed by the outer group's end.
    #expect(
      readingError([0x13, 0x1B, 0x14, 0x14]) { reader in
        try skipAll(&reader)
      }
        == WireDecodingError(.unmatchedEndGroup, offset: 2, fieldNumber: 2))
  }

  @Test("a group cut off by the end of the input or of its enclosing message")
  func unterminated() {
    for bytes: [UInt8] in [[0x13], [0x13, 0x08, 0x01], [0x13, 0x1B, 0x1C]] {
      let error = readingError(bytes) { try skipAll(&$0) }
      #expect(error?.reason == .truncated, "\(hex(bytes))")
      #expect(error?.offset == bytes.count, "\(hex(bytes))")
    }
    // Field 1 holds 3 bytes; the group's end marker lies just outside them.
    let bytes: [UInt8] = [0x0A, 0x03, 0x13, 0x08, 0x01, 0x14]
    let error = readingError(bytes) { reader in
      _ = try reader.nextTag()
      let outer = try reader.beginLengthDelimited()
      let inner = try skipAll(&reader)
      reader.endLengthDelimited(outer)
      return inner
    }
    #expect(error?.reason == .truncated)
    #expect(error?.offset == 5)
  }

  @Test("errors inside a group are reported, not skipped")
  func errorsInside() {
    #expect(
      readingError([0x13, 0x0A, 0x09, 0x00, 0x14]) { reader in
        try skipAll(&reader)
      }
        == WireDecodingError(.lengthPastEnd(length: 9, available: 2), offset: 2, fieldNumber: 1))
    #expect(
      readingError([0x13, 0x0F, 0x14]) { try skipAll(&$0) }
        == WireDecodingError(.invalidWireType(7), offset: 1))
    #expect(
      readingError([0x13, 0x00, 0x14]) { try skipAll(&$0) }
        == WireDecodingError(.fieldNumberZero, offset: 1))
  }

  @Test("100 nested groups are skipped; the 101st is too deep")
  func nestingLimit() throws {
    func groups(_ depth: Int) -> [UInt8] {
      Array(repeating: 0x0B, count: depth) + Array(repeating: 0x0C, count: depth)
    }
    let hundred = groups(100)
    #expect(
      try reading(hundred) { try skipAll(&$0) }.get().value
        == hundred)
    // The error is raised on entering the 101st group, just after its start marker.
    #expect(
      readingError(groups(101)) { try skipAll(&$0) }
        == WireDecodingError(.nestingTooDeep, offset: 101, fieldNumber: 1))
    // Deep enough to overflow the stack if the limit were missing.
    let hostile = [UInt8](repeating: 0x0B, count: 100_000)
    #expect(
      readingError(hostile) { try skipAll(&$0) }
        == WireDecodingError(.nestingTooDeep, offset: 101, fieldNumber: 1))
  }

  @Test("sibling groups do not add up to the nesting limit")
  func siblingsDoNotAccumulate() throws {
    let deep = Array(repeating: UInt8(0x0B), count: 60) + Array(repeating: 0x0C, count: 60)
    let bytes = Array([[UInt8]](repeating: deep, count: 10).joined())
    #expect(
      try reading(bytes) { try skipAll(&$0) }.get().value
        == bytes)
  }
}

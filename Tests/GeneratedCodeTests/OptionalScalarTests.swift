import EverythingSchema
import SwitchboardRPC
import Testing

/// Protects explicit presence (`optional` fields): a field set to its default is written and
/// decodes as set, a nil field is not written and decodes as nil.
@Suite("Optional scalars")
struct OptionalScalarTests {
  /// Each field set to its default, with the exact bytes that must be written for it.
  static let setToDefault: [(name: String, message: OptionalScalars, bytes: [UInt8])] = [
    ("aDouble", OptionalScalars(aDouble: 0), [0x09, 0, 0, 0, 0, 0, 0, 0, 0]),
    ("aFloat", OptionalScalars(aFloat: 0), [0x15, 0, 0, 0, 0]),
    ("anInt32", OptionalScalars(anInt32: 0), [0x18, 0x00]),
    ("anInt64", OptionalScalars(anInt64: 0), [0x20, 0x00]),
    ("aUint32", OptionalScalars(aUint32: 0), [0x28, 0x00]),
    ("aUint64", OptionalScalars(aUint64: 0), [0x30, 0x00]),
    ("aSint32", OptionalScalars(aSint32: 0), [0x38, 0x00]),
    ("aSint64", OptionalScalars(aSint64: 0), [0x40, 0x00]),
    ("aFixed32", OptionalScalars(aFixed32: 0), [0x4D, 0, 0, 0, 0]),
    ("aFixed64", OptionalScalars(aFixed64: 0), [0x51, 0, 0, 0, 0, 0, 0, 0, 0]),
    ("anSfixed32", OptionalScalars(anSfixed32: 0), [0x5D, 0, 0, 0, 0]),
    ("anSfixed64", OptionalScalars(anSfixed64: 0), [0x61, 0, 0, 0, 0, 0, 0, 0, 0]),
    ("aBool", OptionalScalars(aBool: false), [0x68, 0x00]),
    ("aString", OptionalScalars(aString: ""), [0x72, 0x00]),
    ("someBytes", OptionalScalars(someBytes: []), [0x7A, 0x00]),
    // Field 16 needs a two-byte tag: 16 << 3 = 128 → 80 01.
    ("priority", OptionalScalars(priority: .unspecified), [0x80, 0x01, 0x00]),
  ]

  @Test("a field set to its default is written, and decodes as set", arguments: setToDefault)
  func defaultIsWritten(name: String, message: OptionalScalars, bytes: [UInt8]) throws {
    #expect(message.serializedBytes() == bytes)
    #expect(message.serializedSize() == bytes.count)
    let decoded = try OptionalScalars(serializedBytes: bytes)
    #expect(decoded == message)
    #expect(decoded != OptionalScalars())
  }

  @Test("nil fields are not written and decode as nil")
  func nilIsNotWritten() throws {
    #expect(OptionalScalars().serializedBytes() == [])
    let decoded = try OptionalScalars(serializedBytes: [])
    #expect(decoded.aDouble == nil && decoded.anInt32 == nil && decoded.aString == nil)
    #expect(decoded.someBytes == nil && decoded.priority == nil && decoded.aBool == nil)
  }

  @Test("every field set to its default at once, and to its extremes")
  func allAtOnce() throws {
    let defaults = OptionalScalars(
      aDouble: 0, aFloat: 0, anInt32: 0, anInt64: 0, aUint32: 0, aUint64: 0, aSint32: 0,
      aSint64: 0, aFixed32: 0, aFixed64: 0, anSfixed32: 0, anSfixed64: 0, aBool: false,
      aString: "", someBytes: [], priority: .unspecified)
    #expect(defaults.serializedBytes() == Array(Self.setToDefault.map(\.bytes).joined()))
    try expectRoundTrip(defaults)
    try expectRoundTrip(
      OptionalScalars(
        aDouble: -.infinity, aFloat: .infinity, anInt32: .min, anInt64: .min, aUint32: .max,
        aUint64: .max, aSint32: .min, aSint64: .max, aFixed32: .max, aFixed64: .max,
        anSfixed32: .min, anSfixed64: .max, aBool: true, aString: "ß", someBytes: [0],
        priority: .high))
  }

  @Test("an optional enum keeps numbers it does not know")
  func unrecognizedPriority() throws {
    let message = OptionalScalars(priority: .unrecognized(-7))
    // -7 as an int32: a ten-byte varint F9 FF FF FF FF FF FF FF FF 01.
    #expect(
      message.serializedBytes() == [0x80, 0x01, 0xF9] + Array(repeating: 0xFF, count: 8) + [0x01])
    try expectRoundTrip(message)
  }
}

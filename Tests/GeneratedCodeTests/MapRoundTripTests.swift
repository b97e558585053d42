import EverythingSchema
import SwitchboardRPC
import Testing

/// Protects map fields: every key kind and value kind round trips, empty keys and default
/// values are written (an entry always has both), entries decode whatever their field order,
/// and duplicate keys keep the last value, as protobuf specifies.
@Suite("Map round trips")
struct MapRoundTripTests {
  static let full = Maps(
    stringToString: ["": "", "k": "v", "ключ": "значение", "👋": ""],
    int32ToInt64: [0: 0, -1: .min, .max: .max, .min: -1],
    int64ToString: [.min: "min", .max: "", 0: "zero"],
    uint32ToBool: [0: false, .max: true, 128: false],
    uint64ToDouble: [0: -0.0, .max: .infinity, 1: -1.5],
    sint32ToFloat: [.min: .greatestFiniteMagnitude, .max: -.infinity, -1: 0],
    sint64ToBytes: [.min: [], .max: [0xFF], 0: [0, 0]],
    fixed32ToFixed64: [0: .max, .max: 0],
    fixed64ToSfixed32: [0: .min, .max: .max],
    sfixed32ToSfixed64: [.min: .max, -1: .min, 0: 0],
    sfixed64ToSint32: [.min: .min, .max: .max, 0: -1],
    boolToUint32: [false: 0, true: .max],
    stringToPriority: [
      "": .unspecified, "hi": .high, "odd": .unrecognized(99), "neg": .unrecognized(-2),
    ],
    stringToStamp: ["": Stamp(), "epoch": Stamp(millis: 0), "then": Stamp(millis: -1_000)])

  @Test("every key and value kind, with extremes, empty keys and default values")
  func everyField() throws {
    try expectRoundTrip(Self.full)
  }

  @Test("one entry per map kind, alone, round trips and has the exact size")
  func oneKindAtATime() throws {
    let singles: [Maps] = [
      Maps(stringToString: ["": ""]), Maps(int32ToInt64: [0: 0]), Maps(int64ToString: [0: ""]),
      Maps(uint32ToBool: [0: false]), Maps(uint64ToDouble: [0: 0]), Maps(sint32ToFloat: [0: 0]),
      Maps(sint64ToBytes: [0: []]), Maps(fixed32ToFixed64: [0: 0]), Maps(fixed64ToSfixed32: [0: 0]),
      Maps(sfixed32ToSfixed64: [0: 0]), Maps(sfixed64ToSint32: [0: 0]),
      Maps(boolToUint32: [false: 0]),
      Maps(stringToPriority: ["": .unspecified]), Maps(stringToStamp: ["": Stamp()]),
    ]
    for (index, message) in singles.enumerated() {
      let bytes = message.serializedBytes()
      // An entry with default key and value is still an entry: the map field's tag comes first.
      #expect(bytes.first == UInt8((index + 1) << 3 | 2), "map \(index + 1)")
      try expectRoundTrip(message, "map \(index + 1)")
    }
  }

  @Test("an entry with an empty key and an empty value is written in full")
  func emptyKeyAndValue() {
    // Field 1 entry: 0A 04, key (field 1) 0A 00, value (field 2) 12 00.
    #expect(
      Maps(stringToString: ["": ""]).serializedBytes() == [0x0A, 0x04, 0x0A, 0x00, 0x12, 0x00])
    // Field 14 entry holding an empty Stamp: 72 04 0A 00 12 00.
    #expect(
      Maps(stringToStamp: ["": Stamp()]).serializedBytes() == [0x72, 0x04, 0x0A, 0x00, 0x12, 0x00])
  }

  @Test("entries decode with value before key, or with key or value missing")
  func entryShapes() throws {
    // Value (12 01 76) then key (0A 01 6B).
    #expect(
      try Maps(serializedBytes: [0x0A, 0x06, 0x12, 0x01, 0x76, 0x0A, 0x01, 0x6B]).stringToString
        == ["k": "v"])
    // Key only: the value is the default.
    #expect(try Maps(serializedBytes: [0x0A, 0x03, 0x0A, 0x01, 0x6B]).stringToString == ["k": ""])
    // Value only: the key is the default.
    #expect(try Maps(serializedBytes: [0x12, 0x02, 0x10, 0x05]).int32ToInt64 == [0: 5])
    // Empty entry: both default.
    #expect(try Maps(serializedBytes: [0x72, 0x00]).stringToStamp == ["": Stamp()])
  }

  @Test("a duplicate key keeps the last value")
  func duplicateKeys() throws {
    let first: [UInt8] = [0x0A, 0x06, 0x0A, 0x01, 0x6B, 0x12, 0x01, 0x31]  // "k": "1"
    let second: [UInt8] = [0x0A, 0x06, 0x0A, 0x01, 0x6B, 0x12, 0x01, 0x32]  // "k": "2"
    #expect(try Maps(serializedBytes: first + second).stringToString == ["k": "2"])
    #expect(try Maps(serializedBytes: second + first).stringToString == ["k": "1"])
  }

  @Test("a field repeated inside one entry: last scalar wins, message values merge")
  func repeatedInsideEntry() throws {
    // Key "a", value 1, value 2.
    #expect(
      try Maps(serializedBytes: [0x6A, 0x07, 0x0A, 0x01, 0x61, 0x10, 0x01, 0x10, 0x02])
        .stringToPriority == ["a": .high])
    // Key "", value Stamp{millis: 5} given twice as 12 02 08 05: merged, still 5.
    let entry: [UInt8] = [0x0A, 0x00, 0x12, 0x02, 0x08, 0x05, 0x12, 0x00]
    #expect(
      try Maps(serializedBytes: lengthDelimited([0x72], entry)).stringToStamp == [
        "": Stamp(millis: 5)
      ])
  }

  @Test("unknown fields inside an entry are dropped; the entry still decodes")
  func unknownInsideEntry() throws {
    // Key "k", an unknown field 3 varint, value "v".
    let entry: [UInt8] = [0x0A, 0x01, 0x6B, 0x18, 0x07, 0x12, 0x01, 0x76]
    let decoded = try Maps(serializedBytes: lengthDelimited([0x0A], entry))
    #expect(decoded.stringToString == ["k": "v"])
    #expect(decoded.unknownFields.isEmpty)
  }

  @Test("a map with thousands of entries")
  func large() throws {
    let message = Maps(
      stringToString: Dictionary(
        uniqueKeysWithValues: (0..<3_000).map { ("key \($0)", "value \($0)") }),
      sint64ToBytes: Dictionary(
        uniqueKeysWithValues: (0..<3_000).map {
          (Int64($0) - 1_500, [UInt8(truncatingIfNeeded: $0)])
        }))
    try expectRoundTrip(message)
  }
}

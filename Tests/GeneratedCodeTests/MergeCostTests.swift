import EverythingSchema
import SwitchboardRPC
import Testing

/// Protects decoding against hostile repetition. Protobuf merges an embedded message that
/// appears many times, so an input can repeat one tiny message field thousands of times: the
/// merged result must be right, and a map must not keep room for entries it never keeps.
///
/// That each repetition costs only its own bytes (generated decoders take the stored message
/// out before merging into it, instead of copying it) is a speed property, so it is not timed
/// here; the generated code's shape is pinned by the golden files.
@Suite("Merge cost")
struct MergeCostTests {
  /// `piece` repeated `count` times.
  static func repeated(_ piece: [UInt8], _ count: Int) -> [UInt8] {
    Array([[UInt8]](repeating: piece, count: count).joined())
  }

  @Test("the merged result is right, whatever it costs")
  func mergedResult() throws {
    let node = try Node(serializedBytes: Self.repeated([0x12, 0x02, 0x1A, 0x00], 300))
    #expect(node.parent?.children.count == 300)
    // The same through a oneof case: next, 2A 02 1A 00.
    let chain = try Node(serializedBytes: Self.repeated([0x2A, 0x02, 0x1A, 0x00], 300))
    #expect(chain.next.children.count == 300)
    let contact = try Contact(serializedBytes: Self.repeated([0x2A, 0x02, 0x48, 0x01], 300))
    #expect(contact.address?.unknownFields.bytes == Self.repeated([0x48, 0x01], 300))
  }

  @Test("a map that keeps one entry does not keep room for the 100,000 it read")
  func mapReservation() throws {
    // 100,000 entries of string_to_string, all with key "" (0A 00: an empty entry).
    let maps = try Maps(serializedBytes: Self.repeated([0x0A, 0x00], 100_000))
    #expect(maps.stringToString == ["": ""])
    #expect(maps.stringToString.capacity <= 4_096, "capacity \(maps.stringToString.capacity)")
    // The same for a map of messages: by_name, 22 00.
    let node = try Node(serializedBytes: Self.repeated([0x22, 0x00], 100_000))
    #expect(node.byName == ["": Node()])
    #expect(node.byName.capacity <= 4_096, "capacity \(node.byName.capacity)")
  }
}

import EverythingSchema
import SwitchboardRPC
import Testing

/// Protects decoding cost against hostile repetition. Protobuf merges an embedded message that
/// appears many times, so an input can repeat one tiny message field thousands of times; each
/// repetition must cost what its own bytes cost, not a copy of everything merged before it.
/// Likewise a map must not keep room for entries it never keeps.
///
/// The timing tests compare two inputs of the same length in the same run, so machine speed
/// cancels out: the hostile one against a baseline whose work is plainly linear.
@Suite("Merge cost", .serialized)
struct MergeCostTests {
  /// The fastest of `runs` timings of `body`, in seconds.
  static func seconds(runs: Int = 3, _ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    var best = Double.infinity
    for _ in 0..<runs {
      let duration = clock.measure(body)
      best = min(
        best, Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18)
    }
    return best
  }

  /// `piece` repeated `count` times.
  static func repeated(_ piece: [UInt8], _ count: Int) -> [UInt8] {
    Array([[UInt8]](repeating: piece, count: count).joined())
  }

  /// One hostile input and its linear baseline, with the largest slowdown allowed.
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var hostile: @Sendable () -> Void
    var baseline: @Sendable () -> Void
    var allowedRatio: Double
    var testDescription: String { name }
  }

  /// Each way a message field merges: a plain optional, a boxed (recursive) optional, and a
  /// oneof case; the merged message gains a child (an array append) or an unknown field (a
  /// byte append) each time.
  static let cases: [Case] = {
    // 2,000 × parent{children: [{}]}: 12 02 1A 00. Baseline: 2,000 × children{children: [{}]}.
    // A linear decoder takes about as long for both; a quadratic one over 30× longer.
    let parent = repeated([0x12, 0x02, 0x1A, 0x00], 2_000)
    let next = repeated([0x2A, 0x02, 0x1A, 0x00], 2_000)
    let children = repeated([0x1A, 0x02, 0x1A, 0x00], 2_000)
    // 128,000 × address{unknown field 9 = 1}: 2A 02 48 01. Baseline: the same unknown field
    // 128,000 times at the top of an Address, which is what the merges add up to. Copying
    // bytes is cheap, so it takes this many to tell a quadratic decoder (over 30× the
    // baseline here) from a linear one (about 4×).
    let address = repeated([0x2A, 0x02, 0x48, 0x01], 128_000)
    let postal = repeated([0x6A, 0x02, 0x48, 0x01], 128_000)
    let pong = repeated([0x0A, 0x02, 0x48, 0x01], 128_000)
    let unknown = repeated([0x48, 0x01], 128_000)
    return [
      Case(
        name: "Node.parent (boxed optional)", hostile: { _ = try? Node(serializedBytes: parent) },
        baseline: { _ = try? Node(serializedBytes: children) }, allowedRatio: 8),
      Case(
        name: "Node.next (oneof case)", hostile: { _ = try? Node(serializedBytes: next) },
        baseline: { _ = try? Node(serializedBytes: children) }, allowedRatio: 8),
      Case(
        name: "Contact.address (optional)", hostile: { _ = try? Contact(serializedBytes: address) },
        baseline: { _ = try? Contact.Address(serializedBytes: unknown) }, allowedRatio: 12),
      Case(
        name: "Contact.postal (oneof case)", hostile: { _ = try? Contact(serializedBytes: postal) },
        baseline: { _ = try? Contact.Address(serializedBytes: unknown) }, allowedRatio: 12),
      Case(
        name: "Ping.pong (boxed optional)", hostile: { _ = try? Ping(serializedBytes: pong) },
        baseline: { _ = try? Pong(serializedBytes: unknown) }, allowedRatio: 12),
    ]
  }()

  @Test("a message field repeated thousands of times decodes in linear time", arguments: cases)
  func repeatedMerge(_ test: Case) {
    let baseline = Self.seconds(runs: 5, test.baseline)
    let hostile = Self.seconds(test.hostile)
    let ratio = hostile / baseline
    #expect(
      ratio < test.allowedRatio,
      "\(test.name): \(hostile) s against a linear baseline of \(baseline) s (\(ratio)×)")
  }

  @Test("the merged result is right, whatever it costs")
  func mergedResult() throws {
    let node = try Node(serializedBytes: Self.repeated([0x12, 0x02, 0x1A, 0x00], 300))
    #expect(node.parent?.children.count == 300)
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

import EverythingSchema
import SwitchboardRPC
import Testing
import SwitchboardTestSupport

/// Protects the generated decoders against hostile input (habit 9): whatever the bytes, they
/// either decode or throw a ``WireDecodingError`` with an offset inside the input — never a
/// trap, never a hang — and whatever decodes re-encodes to its exact size and decodes again to
/// an equal message. Inputs that once broke something are kept below as regression cases.
@Suite("Hostile input")
struct HostileInputTests {
  @Test("100,000 seeded random and mutated inputs decode or throw, and re-encode stably")
  func seeded() {
    let seed: UInt64 = 0x686F_7374
    var maker = HostileInputMaker(random: SeededGenerator(seed: seed))
    var decoded = 0
    var failed = 0
    var problems = 0
    for iteration in 0..<100_000 {
      let (target, input) = maker.next()
      // Mostly as the type it came from, sometimes as another.
      let decodedAs = iteration % 5 == 0 ? HostileTarget.allCases[iteration / 5 % 4] : target
      let outcome = decodedAs.exercise(input)
      if outcome.decoded { decoded += 1 } else { failed += 1 }
      if let problem = outcome.problem, problems < 10 {
        problems += 1
        Issue.record(
          "seed \(seed) iteration \(iteration), as \(decodedAs): \(problem); input \(hex(input))")
      }
    }
    // Both outcomes must be common, or the run tests little.
    #expect(decoded > 10_000, "\(decoded) decoded")
    #expect(failed > 20_000, "\(failed) failed")
  }

  /// Inputs kept because they sit on an edge or once broke something.
  static let regressions: [(name: String, bytes: [UInt8])] = [
    ("empty", []),
    ("a lone continuation byte", [0x80]),
    ("ten 0xFF bytes", [UInt8](repeating: 0xFF, count: 10)),
    ("length of UInt64.max", [0x0A] + [UInt8](repeating: 0xFF, count: 9) + [0x01]),
    ("length of Int.max", [0x0A] + referenceVarint(UInt64(Int.max))),
    ("length of Int.max + 1", [0x0A] + referenceVarint(UInt64(Int.max) + 1)),
    ("1,000 nested start groups", [UInt8](repeating: 0x0B, count: 1_000)),
    ("end group at top level", [0x0C]),
    ("group end for a different field", [0x0B, 0x14]),
    ("packed field with a truncated last varint", [0x1A, 0x02, 0x01, 0x80]),
    ("packed fixed with a misaligned length", [0x4A, 0x05, 0, 0, 0, 0, 0]),
    ("map entry with a wrong-type key", [0x0A, 0x02, 0x08, 0x01]),
    ("map entry holding an end group", [0x0A, 0x01, 0x0C]),
    ("map entry length past the message", [0x72, 0x05, 0x0A, 0x00]),
    ("nested message with a bad tag", [0x2A, 0x01, 0x0F]),
    ("field 536870911 wire type 7", [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
    ("tag of 2^32", [0x80, 0x80, 0x80, 0x80, 0x10]),
    ("string with a surrogate", [0x0A, 0x03, 0xED, 0xA0, 0x80]),
    ("101 levels of next", nested(tag: 0x2A, levels: 101)),
    ("100 levels of children", nested(tag: 0x1A, levels: 100)),
  ]

  /// `levels` messages, each the only field (`tag`) of the one around it, a label innermost.
  static func nested(tag: UInt8, levels: Int) -> [UInt8] {
    var bytes: [UInt8] = [0x0A, 0x01, 0x78]
    for _ in 0..<levels { bytes = [tag] + referenceVarint(UInt64(bytes.count)) + bytes }
    return bytes
  }

  @Test("kept regression inputs, as every type", arguments: regressions.indices)
  func regression(index: Int) {
    let (name, bytes) = Self.regressions[index]
    for target in HostileTarget.allCases {
      let outcome = target.exercise(bytes)
      #expect(outcome.problem == nil, "\(name) as \(target): \(outcome.problem ?? "")")
    }
  }

  @Test("every prefix of every corpus encoding decodes or throws; only the whole is equal")
  func prefixes() {
    for (target, bytes) in HostileTarget.corpus {
      for end in 0...bytes.count {
        let outcome = target.exercise(Array(bytes[..<end]))
        #expect(outcome.problem == nil, "\(target) prefix \(end): \(outcome.problem ?? "")")
      }
      #expect(target.exercise(bytes).decoded)
    }
  }
}

import SwitchboardWire
import Testing
import SwitchboardTestSupport

/// Protects the reader against hostile bytes without any generated code in the way (habit 9):
/// random and mutated inputs either decode or throw an error whose offset lies inside the
/// input, and whatever decodes re-encodes to bytes that decode to the same message.
@Suite("Reader abuse")
struct ReaderAbuseTests {
  static let corpus: [[UInt8]] = [
    MessageEntryPointTests.sample.serializedBytes(),
    Chain.nested(depth: 99).serializedBytes(),
    Chain(links: [Chain(text: "é", shades: [.dark, .unrecognized(-1)])], number: -1)
      .serializedBytes()
      + GroupSkippingTests.nestedGroup,
  ]

  @Test("30,000 seeded inputs decode or throw inside the input, and re-encode stably")
  func seeded() {
    let seed: UInt64 = 0x6162_7573
    var random = SeededGenerator(seed: seed)
    var decoded = 0
    for iteration in 0..<30_000 {
      var bytes: [UInt8]
      if iteration % 10 == 0 {
        bytes = (0..<Int.random(in: 0...32, using: &random)).map { _ in
          UInt8.random(in: 0...255, using: &random)
        }
      } else {
        bytes = Self.corpus.randomElement(using: &random)!
        for _ in 0..<Int.random(in: 1...3, using: &random) {
          let at = Int.random(in: 0..<max(bytes.count, 1), using: &random)
          switch Int.random(in: 0..<4, using: &random) {
          case 0 where !bytes.isEmpty: bytes[at] ^= 1 << UInt8.random(in: 0...7, using: &random)
          case 1 where !bytes.isEmpty: bytes[at] = UInt8.random(in: 0...255, using: &random)
          case 2: bytes.insert(UInt8.random(in: 0...255, using: &random), at: min(at, bytes.count))
          default: bytes = Array(bytes.prefix(at))
          }
        }
      }
      do {
        let message = try Chain(serializedBytes: bytes)
        decoded += 1
        let again = try Chain(serializedBytes: message.serializedBytes())
        if again != message {
          Issue.record("seed \(seed) iteration \(iteration): re-encoding changed \(hex(bytes))")
        }
      } catch {
        if error.offset < 0 || error.offset > bytes.count {
          Issue.record(
            "seed \(seed) iteration \(iteration): offset \(error.offset) outside \(hex(bytes))")
        }
      }
    }
    #expect(decoded > 3_000 && decoded < 27_000, "\(decoded) decoded")
  }
}

import SwitchboardFraming
import Testing
import SwitchboardTestSupport

/// Seeded random and mutated inputs (habit 9). Whatever the bytes, the decoder returns
/// frames or throws a ``FramingError``: it never traps and never loops without consuming.
@Suite("Abuse: random and mutated inputs")
struct FramingAbuseTests {
  /// What decoding one input produced.
  struct Outcome: Equatable {
    var frames: [Frame] = []
    var error: FramingError?
  }

  /// Decodes `input` fed in `chunks` (nil: all at once), with a bound on the loop.
  static func run(_ input: [UInt8], maxFrame: Int, chunks: [Int]? = nil) -> Outcome {
    var decoder = FrameDecoder(maxFramePayloadSize: maxFrame)
    var outcome = Outcome()
    var rest = input[...]
    let sizes = chunks ?? [input.count]
    var pulls = 0
    for size in sizes + [rest.count] where outcome.error == nil {
      decoder.append(contentsOf: rest.prefix(size))
      rest = rest.dropFirst(size)
      do {
        while let frame = try decoder.nextFrame() {
          outcome.frames.append(frame)
          pulls += 1
          // Every frame consumes at least its 9-byte header.
          if pulls > input.count / FrameHeader.size + 1 {
            Issue.record("decoder produced more frames than the input can hold")
            return outcome
          }
        }
      } catch {
        outcome.error = error
      }
    }
    return outcome
  }

  /// One input: random bytes, a random header over a random payload, or mutated valid frames.
  static func makeInput(_ random: inout SeededGenerator, corpus: [[UInt8]]) -> [UInt8] {
    func byte() -> UInt8 { UInt8.random(in: 0...255, using: &random) }
    switch Int.random(in: 0..<10, using: &random) {
    case 0:
      return (0..<Int.random(in: 0...48, using: &random)).map { _ in byte() }
    case 1, 2, 3:
      let streams: [UInt32] = [
        0, 1, 2, 3, 0x7FFF_FFFF, 0x8000_0001, UInt32.random(in: 0...UInt32.max, using: &random),
      ]
      let payload = (0..<Int.random(in: 0...40, using: &random)).map { _ in byte() }
      return rawFrame(
        kind: UInt8.random(in: 0...10, using: &random),
        flags: [0, 1, 2, 3, byte()].randomElement(using: &random)!,
        streamID: streams.randomElement(using: &random)!, payload: payload)
    default:
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        bytes += corpus.randomElement(using: &random)!
      }
      for _ in 0..<Int.random(in: 1...4, using: &random) {
        let at = Int.random(in: 0..<max(bytes.count, 1), using: &random)
        switch Int.random(in: 0..<6, using: &random) {
        case 0 where !bytes.isEmpty: bytes[at] = byte()
        case 1 where !bytes.isEmpty: bytes[at] ^= 1 << UInt8.random(in: 0...7, using: &random)
        case 2: bytes.insert(byte(), at: min(at, bytes.count))
        case 3 where !bytes.isEmpty: bytes.remove(at: at)
        case 4: bytes = Array(bytes.prefix(at))
        default:
          let end = min(bytes.count, at + Int.random(in: 1...12, using: &random))
          bytes.insert(contentsOf: bytes[min(at, end)..<end], at: min(at, bytes.count))
        }
      }
      return bytes
    }
  }

  @Test("100,000 seeded inputs: only thrown errors, consistent across chunkings, re-encodable")
  func randomAndMutated() throws {
    var random = SeededGenerator(seed: 0x5357_4244)
    let corpus = try sampleFrames().map { try encoded($0) }
    var decodedFrames = 0
    var errors = 0
    for iteration in 0..<100_000 {
      let input = Self.makeInput(&random, corpus: corpus)
      let maxFrame = [16, 64, 16_384].randomElement(using: &random)!
      let whole = Self.run(input, maxFrame: maxFrame)
      decodedFrames += whole.frames.count
      errors += whole.error == nil ? 0 : 1
      if iteration % 8 == 0 {
        // The same bytes in random chunks give the same frames and the same error.
        var chunks: [Int] = []
        var left = input.count
        while left > 0 {
          let size = Int.random(in: 1...max(1, left), using: &random)
          chunks.append(size)
          left -= size
        }
        let chunked = Self.run(input, maxFrame: maxFrame, chunks: chunks)
        #expect(chunked == whole, "input \(hexString(input))")
      }
      if iteration % 4 == 0 {
        // Whatever decodes re-encodes, and decodes back to itself.
        for frame in whole.frames {
          let bytes = try encoded(frame)
          #expect(try decodeAll(bytes) == [frame], "input \(hexString(input))")
        }
      }
    }
    // The generator must reach both outcomes often, or it tests little.
    #expect(decodedFrames > 30_000)
    #expect(errors > 20_000)
  }

  @Test("mutated prefaces parse to a result, never a trap")
  func prefaces() {
    var random = SeededGenerator(seed: 8)
    for _ in 0..<20_000 {
      var bytes = ConnectionPreface.bytes()
      bytes[Int.random(in: 0..<8, using: &random)] = UInt8.random(in: 0...255, using: &random)
      let cut = Array(bytes.prefix(Int.random(in: 0...8, using: &random)))
      var decoder = FrameDecoder()
      decoder.append(contentsOf: cut)
      let result = decoder.readPreface()
      #expect(result == ConnectionPreface.parse(cut))
      if case .valid = result {
        #expect(cut.count == 8 && Array(cut.prefix(6)) == ConnectionPreface.magic)
      }
    }
  }

  /// Inputs kept because they once broke something or sit on an edge (habit 9).
  static let regressions: [(name: String, bytes: [UInt8])] = [
    ("maximum 24-bit length, nothing behind it", [0xFF, 0xFF, 0xFF, 0x06, 0, 0, 0, 0, 1]),
    ("all ones header", [UInt8](repeating: 0xFF, count: 9)),
    (
      "metadata count 65535 with no entries",
      rawFrame(kind: 0x05, streamID: 1, payload: be16(0) + be64(0) + [0xFF, 0xFF])
    ),
    (
      "END with a status message length of 65535",
      rawFrame(kind: 0x08, streamID: 1, payload: be32(0) + [0xFF, 0xFF])
    ),
    ("zero-length header run", [UInt8](repeating: 0, count: 90)),
    (
      "SETTINGS with a 6-byte-aligned huge announced length",
      rawFrame(kind: 0x01, announcedLength: 0xFF_FFFA)
    ),
  ]

  @Test("kept regression inputs", arguments: regressions.indices)
  func regression(index: Int) {
    let input = Self.regressions[index].bytes
    for maxFrame in [16, 16_384, FrameHeader.maxPayloadLength] {
      let whole = Self.run(input, maxFrame: maxFrame)
      let dripped = Self.run(
        input, maxFrame: maxFrame, chunks: Array(repeating: 1, count: input.count))
      #expect(whole == dripped, "\(Self.regressions[index].name)")
    }
  }
}

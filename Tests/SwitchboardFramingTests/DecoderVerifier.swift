import SwitchboardFraming
import Testing
import SwitchboardTestSupport

/// Feeds a decoder the same frames in every way a socket might deliver them and checks it
/// produces exactly the expected frames each time (after NIO's ByteToMessageDecoderVerifier):
/// whole, frame by frame, byte by byte, each frame merged with the next, and in random
/// chunks through each of the three `append` entry points.
enum DecoderVerifier {
  /// One input: the bytes of a single frame and the frame they must decode to.
  typealias Pair = (bytes: [UInt8], frame: Frame)

  static func verify(
    _ pairs: [Pair], maxFramePayloadSize: Int = 1 << 20, seed: UInt64 = 1,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let all = pairs.flatMap(\.bytes)
    let expected = pairs.map(\.frame)

    // Whole: every frame in one append.
    var whole = FrameDecoder(maxFramePayloadSize: maxFramePayloadSize)
    whole.append(contentsOf: all)
    #expect(try drain(&whole) == expected, "whole", sourceLocation: sourceLocation)
    #expect(whole.bufferedByteCount == 0, sourceLocation: sourceLocation)

    // Frame by frame: each append yields exactly its frame.
    var single = FrameDecoder(maxFramePayloadSize: maxFramePayloadSize)
    for pair in pairs {
      single.append(contentsOf: pair.bytes)
      #expect(try drain(&single) == [pair.frame], "frame by frame", sourceLocation: sourceLocation)
    }

    // Byte by byte: nothing comes out before a frame's last byte, then exactly that frame.
    var drip = FrameDecoder(maxFramePayloadSize: maxFramePayloadSize)
    for pair in pairs {
      for (index, byte) in pair.bytes.enumerated() {
        withUnsafeBytes(of: byte) { drip.append($0) }
        let out = try drain(&drip)
        if index == pair.bytes.count - 1 {
          #expect(out == [pair.frame], "byte by byte", sourceLocation: sourceLocation)
        } else {
          #expect(out.isEmpty, "byte by byte: early frame", sourceLocation: sourceLocation)
        }
      }
    }

    // Merged with the next: frame i plus frame i+1 in one append, then the rest of i+1.
    for i in pairs.indices.dropLast() {
      var merged = FrameDecoder(maxFramePayloadSize: maxFramePayloadSize)
      merged.append(contentsOf: pairs[i].bytes + pairs[i + 1].bytes)
      #expect(
        try drain(&merged) == [pairs[i].frame, pairs[i + 1].frame], "merged",
        sourceLocation: sourceLocation)
      // And frame i with only part of frame i+1: i comes out, i+1 waits.
      let part = pairs[i + 1].bytes.count / 2
      var partial = FrameDecoder(maxFramePayloadSize: maxFramePayloadSize)
      partial.append(contentsOf: pairs[i].bytes + pairs[i + 1].bytes.prefix(part))
      #expect(try drain(&partial) == [pairs[i].frame], sourceLocation: sourceLocation)
      partial.append(contentsOf: pairs[i + 1].bytes.dropFirst(part))
      #expect(try drain(&partial) == [pairs[i + 1].frame], sourceLocation: sourceLocation)
    }

    // Random chunks through all three append entry points, several seeds.
    var random = SeededGenerator(seed: seed)
    for round in 0..<8 {
      var decoder = FrameDecoder(maxFramePayloadSize: maxFramePayloadSize)
      var out: [Frame] = []
      var rest = all[...]
      while !rest.isEmpty {
        let size = min(rest.count, Int.random(in: 1...max(1, all.count / 3 + 1), using: &random))
        let chunk = Array(rest.prefix(size))
        rest = rest.dropFirst(size)
        switch (round + chunk.count) % 3 {
        case 0: chunk.withUnsafeBytes { decoder.append($0) }
        case 1: decoder.append(contentsOf: chunk)
        default:
          decoder.appendInPlace(minimumCapacity: chunk.count) { space in
            chunk.withUnsafeBytes { space.copyMemory(from: $0) }
            return chunk.count
          }
        }
        out += try drain(&decoder)
      }
      #expect(out == expected, "random chunks, round \(round)", sourceLocation: sourceLocation)
    }
  }

  /// Verifies frames by encoding them with the module's encoders.
  static func verify(
    frames: [Frame], maxFramePayloadSize: Int = 1 << 20,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let pairs = try frames.map { frame in (bytes: try encoded(frame), frame: frame) }
    try verify(pairs, maxFramePayloadSize: maxFramePayloadSize, sourceLocation: sourceLocation)
  }
}

import SwitchboardFraming
import Testing

@Suite("The decoder's buffer: slices, compaction, growth")
struct FrameDecoderBufferTests {
  @Test("a payload kept across later appends keeps its bytes (copy-on-write)")
  func slicesSurviveAppends() throws {
    var decoder = FrameDecoder(maxFramePayloadSize: 1 << 20)
    let first = [UInt8](repeating: 0x11, count: 100)
    decoder.append(contentsOf: rawFrame(kind: 0x06, streamID: 1, payload: first))
    guard case .message(let kept) = try decoder.nextFrame() else {
      Issue.record("expected a message")
      return
    }
    // Enough input to force both compaction and growth while `kept` is alive.
    for round in 0..<50 {
      let payload = [UInt8](repeating: UInt8(round), count: 3000 + round * 200)
      decoder.append(contentsOf: rawFrame(kind: 0x06, streamID: 3, payload: payload))
      guard case .message(let frame) = try decoder.nextFrame() else {
        Issue.record("expected a message")
        return
      }
      #expect(frame.payload.elementsEqual(payload))
    }
    #expect(kept.payload.elementsEqual(first))
  }

  @Test("compaction moves overlapping unread bytes intact")
  func overlappingCompaction() throws {
    // Frames of 9 + 991 bytes fed in chunks of 1500: after each drain, a partial frame
    // sits behind the read index, and the next append must compact it.
    var frames: [Frame] = []
    var bytes: [UInt8] = []
    for index in 0..<200 {
      let payload = (0..<991).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index) }
      let frame = Frame.message(MessageFrame(streamID: 1, payload: payload[...]))
      frames.append(frame)
      bytes += try encoded(frame)
    }
    var decoder = FrameDecoder()
    var out: [Frame] = []
    var rest = bytes[...]
    while !rest.isEmpty {
      decoder.append(contentsOf: rest.prefix(1500))
      rest = rest.dropFirst(1500)
      out += try drain(&decoder)
    }
    #expect(out == frames)
    #expect(decoder.bufferedByteCount == 0)
  }

  @Test("compaction where the unread bytes overlap their destination")
  func compactionOverlapsItself() throws {
    // 4000 bytes into a 4096-byte buffer: a 91-byte frame, then most of a 4059-byte one.
    let small = Frame.message(
      MessageFrame(streamID: 1, payload: ArraySlice(repeating: 7, count: 82)))
    let payload = (0..<4050).map { UInt8(truncatingIfNeeded: $0 &* 13) }
    let large = Frame.message(MessageFrame(streamID: 3, payload: payload[...]))
    let bytes = try encoded(small) + encoded(large)
    var decoder = FrameDecoder()
    decoder.append(contentsOf: bytes.prefix(4000))
    #expect(try drain(&decoder) == [small])
    // The last 150 bytes do not fit behind the 3909 unread ones: those move from offset 91
    // to 0, onto themselves.
    decoder.append(contentsOf: bytes.dropFirst(4000))
    #expect(try drain(&decoder) == [large])
  }

  @Test("appendInPlace hands out at least the space asked for and counts what was written")
  func appendInPlace() throws {
    var decoder = FrameDecoder()
    let bytes = try encoded(.cancel(CancelFrame(streamID: 3)))
    let written = decoder.appendInPlace(minimumCapacity: 64) { space in
      #expect(space.count >= 64)
      for (index, byte) in bytes.enumerated() { space[index] = byte }
      return bytes.count
    }
    #expect(written == bytes.count)
    #expect(decoder.bufferedByteCount == bytes.count)
    #expect(try decoder.nextFrame() == .cancel(CancelFrame(streamID: 3)))
  }

  @Test("an error thrown while writing in place leaves the decoder unchanged")
  func appendInPlaceThrows() throws {
    struct ReadFailed: Error {}
    var decoder = FrameDecoder()
    decoder.append(contentsOf: [0, 0])
    #expect(throws: ReadFailed.self) {
      try decoder.appendInPlace(minimumCapacity: 10) { _ throws(ReadFailed) in throw ReadFailed() }
    }
    #expect(decoder.bufferedByteCount == 2)
  }

  @Test("a large frame grows the buffer; emptied, it shrinks back on the next small input")
  func growAndRelease() throws {
    var decoder = FrameDecoder(maxFramePayloadSize: 1 << 21)
    let big = [UInt8](repeating: 0x5A, count: 1 << 20)
    decoder.append(contentsOf: rawFrame(kind: 0x06, streamID: 1, payload: big))
    #expect(try decoder.nextFrame() == .message(MessageFrame(streamID: 1, payload: big[...])))
    decoder.append(contentsOf: try encoded(.ping(PingFrame(payload: 3))))
    #expect(try decoder.nextFrame() == .ping(PingFrame(payload: 3)))
    #expect(try decoder.nextFrame() == nil)
  }

  @Test("non-contiguous collections are appended too")
  func nonContiguousAppend() throws {
    let bytes = try encoded(.ping(PingFrame(payload: 99)))
    var decoder = FrameDecoder()
    decoder.append(contentsOf: bytes.lazy.map { $0 })
    decoder.append(contentsOf: [] as [UInt8])
    decoder.append(UnsafeRawBufferPointer(start: nil, count: 0))
    #expect(try decoder.nextFrame() == .ping(PingFrame(payload: 99)))
  }
}

import SwitchboardFraming
import Testing

@Suite("Kinds this version does not know pass through as .unknown")
struct UnknownKindTests {
  @Test("on stream 0 the payload and flags are kept, and decoding goes on")
  func connectionLevel() throws {
    let bytes =
      rawFrame(kind: 0x7A, flags: 0x81, payload: [1, 2, 3, 4])
      + (try encoded(.ping(PingFrame(payload: 1))))
    let frames = try decodeAll(bytes)
    #expect(
      frames == [
        .unknown(
          kind: FrameKind(rawValue: 0x7A), flags: FrameFlags(rawValue: 0x81), streamID: 0,
          payload: [1, 2, 3, 4]),
        .ping(PingFrame(payload: 1)),
      ])
    #expect(frames[0].kind.description == "kind 0x7a")
  }

  @Test("on a call's stream (odd, even or reserved-free) they are reported with their stream")
  func streamLevel() throws {
    for stream: UInt32 in [1, 2, 0x7FFF_FFFF] {
      let frames = try decodeAll(rawFrame(kind: 0x10, streamID: stream, payload: [9]))
      #expect(frames.count == 1)
      #expect(frames.first?.streamID == stream)
      if case .unknown(let kind, _, _, let payload) = frames.first {
        #expect(kind.rawValue == 0x10 && !kind.isKnown && payload == [9])
      } else {
        Issue.record("expected .unknown, got \(frames)")
      }
    }
  }

  @Test("kind 0 and kind 255 are unknown too")
  func edges() throws {
    #expect(!FrameKind(rawValue: 0).isKnown && !FrameKind(rawValue: 255).isKnown)
    #expect(try decodeAll(rawFrame(kind: 0)).first?.kind.rawValue == 0)
  }

  @Test("an unknown frame still obeys the maximum frame size")
  func stillLimited() {
    #expect(throws: FramingError.self) {
      try decodeAll(rawFrame(kind: 0x99, announcedLength: 0xFF_FFFF), maxFramePayloadSize: 16_384)
    }
  }

  @Test("the encoder refuses a known kind dressed as unknown")
  func encoderRefusesKnownAsUnknown() {
    var buffer: [UInt8] = []
    #expect(throws: FramingError.self) {
      try Frame.unknown(kind: .ping, flags: [], streamID: 0, payload: []).encode(into: &buffer)
    }
    #expect(buffer.isEmpty)
  }
}

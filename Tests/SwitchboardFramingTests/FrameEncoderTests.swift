import SwitchboardFraming
import Testing

@Suite("Encoders: in-place message writing, splitting, refusals")
struct FrameEncoderTests {
  @Test("a message serialised behind its header decodes like an ordinary MESSAGE")
  func headerThenInPlacePayload() throws {
    var buffer: [UInt8] = [0xEE]  // something already queued
    let message: [UInt8] = [0x0A, 0x02, 0x68, 0x69]
    try FrameEncoder.appendMessageHeader(
      streamID: 5, payloadLength: message.count, endStream: true, into: &buffer)
    FrameEncoder.appendBytes(count: message.count, into: &buffer) { region in
      for (index, byte) in message.enumerated() { region[index] = byte }
    }
    #expect(
      Array(buffer.dropFirst())
        == (try encoded(
          .message(
            MessageFrame(streamID: 5, payload: message[...], endStream: true)))))
  }

  @Test("appendBytes removes its bytes when the writer throws")
  func appendBytesRollsBack() {
    struct Failed: Error {}
    var buffer: [UInt8] = [1, 2]
    #expect(throws: Failed.self) {
      try FrameEncoder.appendBytes(count: 10, into: &buffer) { _ throws(Failed) in throw Failed() }
    }
    #expect(buffer == [1, 2])
  }

  @Test("beginFrame and finishFrame patch the length of a payload written afterwards")
  func beginAndFinish() throws {
    var buffer: [UInt8] = [7]
    let offset = FrameEncoder.beginFrame(into: &buffer)
    buffer += [1, 2, 3]
    try FrameEncoder.finishFrame(at: offset, kind: .message, flags: .more, streamID: 9, in: &buffer)
    #expect(
      Array(buffer.dropFirst()) == rawFrame(kind: 0x06, flags: 2, streamID: 9, payload: [1, 2, 3]))
  }

  @Test("finishFrame removes the frame when the payload is too large")
  func finishRollsBack() {
    var buffer: [UInt8] = [7]
    let offset = FrameEncoder.beginFrame(into: &buffer)
    buffer += [UInt8](repeating: 0, count: 20)
    #expect(throws: FramingError.self) {
      try FrameEncoder.finishFrame(
        at: offset, kind: .message, flags: [], streamID: 1, maxPayloadSize: 16, in: &buffer)
    }
    #expect(buffer == [7])
    #expect(throws: FramingError.self) {
      try FrameEncoder.finishFrame(at: 5, kind: .message, flags: [], streamID: 1, in: &buffer)
    }
  }

  @Test(
    "a long message is split into MORE frames that reassemble",
    arguments: [0, 1, 16_384, 16_385, 40_000])
  func splitting(size: Int) throws {
    let message = (0..<size).map { UInt8(truncatingIfNeeded: $0 * 31) }
    var buffer: [UInt8] = []
    try FrameEncoder.appendMessage(
      message[...], streamID: 3, endStream: true, maxFramePayloadSize: 16_384, into: &buffer)
    let frames = try decodeAll(buffer, maxFramePayloadSize: 16_384)
    #expect(frames.count == max(1, (size + 16_383) / 16_384))
    var assembler = MessageAssembler(maxMessageSize: 1 << 20)
    var result: MessageAssembler.Event = .incomplete
    for (index, frame) in frames.enumerated() {
      guard case .message(let piece) = frame else {
        Issue.record("expected MESSAGE")
        return
      }
      let last = index == frames.count - 1
      #expect(piece.more == !last && piece.endStream == last)
      result = assembler.append(piece)
    }
    #expect(result == .message(message[...]))
  }

  @Test("encoders refuse what the decoder would refuse, appending nothing")
  func refusals() throws {
    let bad: [Frame] = [
      .callStart(CallStartFrame(streamID: 0, method: "a/b")),
      .callStart(CallStartFrame(streamID: 2, method: "a/b")),
      .callStart(CallStartFrame(streamID: 0x8000_0001, method: "a/b")),
      .callStart(CallStartFrame(streamID: 1, method: String(repeating: "m", count: 70_000))),
      .message(MessageFrame(streamID: 1, payload: [], more: true, endStream: true)),
      .message(MessageFrame(streamID: 4, payload: [])),
      .halfClose(HalfCloseFrame(streamID: 0)),
      .end(EndFrame(streamID: 1, status: .ok, message: String(repeating: "e", count: 70_000))),
      .cancel(CancelFrame(streamID: 0)),
      .windowUpdate(WindowUpdateFrame(streamID: 0, increment: 0)),
      .windowUpdate(WindowUpdateFrame(streamID: 1, increment: 0x8000_0000)),
      .windowUpdate(WindowUpdateFrame(streamID: 6, increment: 1)),
      .goAway(GoAwayFrame(lastStreamID: 0x8000_0000, code: .noError)),
      .settings(SettingsFrame([SettingParameter(.maxFramePayloadSize, 100)])),
      .unknown(kind: FrameKind(rawValue: 0x30), flags: [], streamID: 0x8000_0000, payload: []),
    ]
    for frame in bad {
      var buffer: [UInt8] = [1]
      #expect(throws: FramingError.self, "\(frame.kind)") { try frame.encode(into: &buffer) }
      #expect(buffer == [1])
    }
  }

  @Test("a frame over the peer's maximum is refused as frameTooLarge")
  func peerMaximum() throws {
    let frame = Frame.message(
      MessageFrame(streamID: 1, payload: ArraySlice(repeating: 0, count: 16_385)))
    var buffer: [UInt8] = []
    let error = try #require(throws: FramingError.self) {
      try frame.encode(into: &buffer, maxPayloadSize: 16_384)
    }
    #expect(error.code == .frameTooLarge && buffer.isEmpty)
    try frame.encode(into: &buffer, maxPayloadSize: 16_385)
    #expect(buffer.count == 16_394)
  }

  @Test("the raw header writer and parser agree")
  func rawHeader() throws {
    let header = FrameHeader(
      payloadLength: 0xABCDEF, kind: .end, flags: .refused, streamID: 0x7FFF_FFFF)
    var buffer: [UInt8] = []
    try header.encode(into: &buffer)
    #expect(hexString(buffer) == "ab cd ef 08 01 7f ff ff ff")
    #expect(FrameHeader(parsing: buffer) == header)
    #expect(FrameHeader(parsing: buffer.prefix(8)) == nil)
    #expect(throws: FramingError.self) {
      try FrameHeader(payloadLength: 1 << 24, kind: .end, flags: [], streamID: 1).encode(
        into: &buffer)
    }
    #expect(throws: FramingError.self) {
      try FrameHeader(payloadLength: 0, kind: .end, flags: [], streamID: 1 << 31).encode(
        into: &buffer)
    }
  }
}

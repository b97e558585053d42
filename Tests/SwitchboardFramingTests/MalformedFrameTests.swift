import SwitchboardFraming
import Testing

/// One frame that must be refused, and words the error message must contain.
struct MalformedCase: CustomTestStringConvertible, Sendable {
  var name: String
  var bytes: [UInt8]
  var mentions: [String]

  var testDescription: String { name }
}

private let validMetadata: [UInt8] = be16(1) + [3] + Array("key".utf8) + be16(2) + [0x68, 0x69]

/// Broken frames of every kind: truncated fields, lengths that overrun, values out of range,
/// wrong streams.
let malformedCases: [MalformedCase] = [
  // Header.
  .init(
    name: "reserved stream id bit", bytes: rawFrame(kind: 0x07, streamID: 0x8000_0001),
    mentions: ["reserved high bit"]),
  // SETTINGS.
  .init(
    name: "SETTINGS not a multiple of 6", bytes: rawFrame(kind: 0x01, payload: [0, 1, 0, 0, 0]),
    mentions: ["SETTINGS", "6-byte"]),
  .init(
    name: "SETTINGS ack with payload",
    bytes: rawFrame(kind: 0x01, flags: 1, payload: be16(4) + be32(1)),
    mentions: ["acknowledgement must be empty"]),
  .init(
    name: "SETTINGS on a stream", bytes: rawFrame(kind: 0x01, streamID: 1),
    mentions: ["SETTINGS", "stream 1", "stream 0"]),
  .init(
    name: "SETTINGS frame size too small",
    bytes: rawFrame(kind: 0x01, payload: be16(1) + be32(16383)),
    mentions: ["MAX_FRAME_PAYLOAD_SIZE", "16383"]),
  .init(
    name: "SETTINGS frame size too big",
    bytes: rawFrame(kind: 0x01, payload: be16(1) + be32(1 << 24)),
    mentions: ["MAX_FRAME_PAYLOAD_SIZE"]),
  .init(
    name: "SETTINGS window past 2^31-1",
    bytes: rawFrame(kind: 0x01, payload: be16(3) + be32(1 << 31)),
    mentions: ["INITIAL_STREAM_WINDOW_SIZE", "2^31-1"]),
  .init(
    name: "SETTINGS connection window past 2^31-1",
    bytes: rawFrame(kind: 0x01, payload: be16(5) + be32(.max)),
    mentions: ["INITIAL_CONNECTION_WINDOW_SIZE"]),
  // PING.
  .init(
    name: "PING short", bytes: rawFrame(kind: 0x02, payload: Array(repeating: 0, count: 7)),
    mentions: ["PING", "exactly 8", "got 7"]),
  .init(
    name: "PING long", bytes: rawFrame(kind: 0x02, payload: Array(repeating: 0, count: 9)),
    mentions: ["PING", "got 9"]),
  .init(
    name: "PING on a stream", bytes: rawFrame(kind: 0x02, streamID: 3, payload: be64(0)),
    mentions: ["PING", "stream 3"]),
  // GOAWAY.
  .init(
    name: "GOAWAY truncated code", bytes: rawFrame(kind: 0x03, payload: be32(1) + [0, 0]),
    mentions: ["GOAWAY", "code"]),
  .init(
    name: "GOAWAY message overruns",
    bytes: rawFrame(kind: 0x03, payload: be32(1) + be32(0) + be16(10) + [0x61]),
    mentions: ["GOAWAY", "message", "needs 10 bytes, 1 left"]),
  .init(
    name: "GOAWAY trailing bytes",
    bytes: rawFrame(kind: 0x03, payload: be32(1) + be32(0) + be16(0) + [0]),
    mentions: ["GOAWAY", "1 unexpected bytes"]),
  .init(
    name: "GOAWAY last stream reserved bit",
    bytes: rawFrame(kind: 0x03, payload: be32(0x8000_0000) + be32(0) + be16(0)),
    mentions: ["last stream id", "reserved"]),
  .init(
    name: "GOAWAY on a stream",
    bytes: rawFrame(kind: 0x03, streamID: 5, payload: be32(1) + be32(0) + be16(0)),
    mentions: ["GOAWAY", "stream 5"]),
  // WINDOW_UPDATE.
  .init(
    name: "WINDOW_UPDATE short", bytes: rawFrame(kind: 0x04, payload: [0, 0, 1]),
    mentions: ["WINDOW_UPDATE", "exactly 4"]),
  .init(
    name: "WINDOW_UPDATE long", bytes: rawFrame(kind: 0x04, streamID: 1, payload: [0, 0, 0, 1, 0]),
    mentions: ["WINDOW_UPDATE", "stream 1"]),
  .init(
    name: "WINDOW_UPDATE zero", bytes: rawFrame(kind: 0x04, payload: be32(0)),
    mentions: ["increment 0"]),
  .init(
    name: "WINDOW_UPDATE reserved bit", bytes: rawFrame(kind: 0x04, payload: be32(0x8000_0001)),
    mentions: ["increment 2147483649"]),
  .init(
    name: "WINDOW_UPDATE even stream", bytes: rawFrame(kind: 0x04, streamID: 2, payload: be32(1)),
    mentions: ["odd", "2 is even"]),
  // CALL_START.
  .init(
    name: "CALL_START on stream 0",
    bytes: rawFrame(kind: 0x05, payload: be16(0) + be64(0) + be16(0)),
    mentions: ["CALL_START", "stream 0"]),
  .init(
    name: "CALL_START on an even stream",
    bytes: rawFrame(kind: 0x05, streamID: 4, payload: be16(0) + be64(0) + be16(0)),
    mentions: ["CALL_START", "stream 4", "even"]),
  .init(
    name: "CALL_START empty", bytes: rawFrame(kind: 0x05, streamID: 1),
    mentions: ["method length", "needs 2 bytes, 0 left"]),
  .init(
    name: "CALL_START method overruns",
    bytes: rawFrame(kind: 0x05, streamID: 1, payload: be16(300) + Array("a/b".utf8)),
    mentions: ["method", "needs 300 bytes, 3 left"]),
  .init(
    name: "CALL_START method not UTF-8",
    bytes: rawFrame(kind: 0x05, streamID: 1, payload: be16(2) + [0xC3, 0x28] + be64(0) + be16(0)),
    mentions: ["method is not valid UTF-8"]),
  .init(
    name: "CALL_START timeout truncated",
    bytes: rawFrame(kind: 0x05, streamID: 1, payload: be16(1) + [0x61] + [0, 0, 0]),
    mentions: ["timeout", "needs 4 bytes, 3 left"]),
  .init(
    name: "CALL_START metadata count missing",
    bytes: rawFrame(kind: 0x05, streamID: 1, payload: be16(1) + [0x61] + be64(0)),
    mentions: ["metadata count"]),
  .init(
    name: "CALL_START metadata count too high",
    bytes: rawFrame(
      kind: 0x05, streamID: 1,
      payload: be16(0) + be64(0) + be16(2) + Array(validMetadata.dropFirst(2))),
    mentions: ["metadata key length (entry 1)"]),
  .init(
    name: "CALL_START metadata empty key",
    bytes: rawFrame(kind: 0x05, streamID: 1, payload: be16(0) + be64(0) + be16(1) + [0] + be16(0)),
    mentions: ["metadata key of entry 0"]),
  .init(
    name: "CALL_START metadata uppercase key",
    bytes: rawFrame(
      kind: 0x05, streamID: 1, payload: be16(0) + be64(0) + be16(1) + [1, 0x41] + be16(0)),
    mentions: ["lowercase"]),
  .init(
    name: "CALL_START metadata key overruns",
    bytes: rawFrame(kind: 0x05, streamID: 1, payload: be16(0) + be64(0) + be16(1) + [200, 0x61]),
    mentions: ["metadata key (entry 0)", "needs 200 bytes"]),
  .init(
    name: "CALL_START metadata value overruns",
    bytes: rawFrame(
      kind: 0x05, streamID: 1,
      payload: be16(0) + be64(0) + be16(1) + [1, 0x61] + be16(500) + [1, 2]),
    mentions: ["metadata value (entry 0)", "needs 500 bytes, 2 left"]),
  .init(
    name: "CALL_START trailing bytes",
    bytes: rawFrame(kind: 0x05, streamID: 1, payload: be16(0) + be64(0) + validMetadata + [7]),
    mentions: ["1 unexpected bytes"]),
  // MESSAGE.
  .init(
    name: "MESSAGE on stream 0", bytes: rawFrame(kind: 0x06, payload: [1]),
    mentions: ["MESSAGE", "stream 0"]),
  .init(
    name: "MESSAGE on an even stream", bytes: rawFrame(kind: 0x06, streamID: 6, payload: [1]),
    mentions: ["MESSAGE", "stream 6"]),
  .init(
    name: "MESSAGE with MORE and END_STREAM",
    bytes: rawFrame(kind: 0x06, flags: 3, streamID: 1, payload: [1]),
    mentions: ["MORE and END_STREAM"]),
  // HALF_CLOSE.
  .init(
    name: "HALF_CLOSE with payload", bytes: rawFrame(kind: 0x07, streamID: 1, payload: [0]),
    mentions: ["HALF_CLOSE", "1 unexpected bytes"]),
  .init(
    name: "HALF_CLOSE on stream 0", bytes: rawFrame(kind: 0x07),
    mentions: ["HALF_CLOSE", "stream 0"]),
  // END.
  .init(
    name: "END empty", bytes: rawFrame(kind: 0x08, streamID: 1),
    mentions: ["END", "status code"]),
  .init(
    name: "END message overruns",
    bytes: rawFrame(kind: 0x08, streamID: 1, payload: be32(0) + be16(9) + [0x61]),
    mentions: ["status message", "needs 9 bytes, 1 left"]),
  .init(
    name: "END trailers missing",
    bytes: rawFrame(kind: 0x08, streamID: 1, payload: be32(0) + be16(0)),
    mentions: ["trailers count"]),
  .init(
    name: "END trailer value overruns",
    bytes: rawFrame(
      kind: 0x08, streamID: 1, payload: be32(0) + be16(0) + be16(1) + [1, 0x61] + be16(3)),
    mentions: ["trailers value (entry 0)"]),
  .init(
    name: "END bad trailer key",
    bytes: rawFrame(
      kind: 0x08, streamID: 1, payload: be32(0) + be16(0) + be16(1) + [2, 0x61, 0x20] + be16(0)),
    mentions: ["trailers key of entry 0"]),
  .init(
    name: "END trailing bytes",
    bytes: rawFrame(kind: 0x08, streamID: 1, payload: be32(0) + be16(0) + be16(0) + [0, 0]),
    mentions: ["2 unexpected bytes"]),
  .init(
    name: "END on stream 0", bytes: rawFrame(kind: 0x08, payload: be32(0) + be16(0) + be16(0)),
    mentions: ["END", "stream 0"]),
  // CANCEL.
  .init(
    name: "CANCEL short", bytes: rawFrame(kind: 0x09, streamID: 1, payload: [0, 0, 1]),
    mentions: ["CANCEL", "exactly 4"]),
  .init(
    name: "CANCEL long", bytes: rawFrame(kind: 0x09, streamID: 1, payload: be32(1) + [0]),
    mentions: ["CANCEL", "got 5"]),
  .init(
    name: "CANCEL on stream 0", bytes: rawFrame(kind: 0x09, payload: be32(1)),
    mentions: ["CANCEL", "stream 0"]),
]

@Suite("Malformed frames are connection errors with a message saying what and where")
struct MalformedFrameTests {
  @Test("each malformed frame is refused", arguments: malformedCases)
  func refused(_ testCase: MalformedCase) throws {
    var decoder = FrameDecoder()
    // A valid frame first: the error must not eat frames that came before it.
    let ping = Frame.ping(PingFrame(payload: 7))
    decoder.append(contentsOf: try encoded(ping) + testCase.bytes + encoded(ping))
    #expect(try decoder.nextFrame() == ping)
    let error = try #require(throws: FramingError.self) { try decoder.nextFrame() }
    #expect(error.code == .malformedFrame)
    #expect(error.goAwayCode == .protocolError)
    for word in testCase.mentions {
      #expect(error.message.contains(word), "\(error.message) should mention \(word)")
    }
    // Sticky: the frame after it is never decoded.
    #expect(throws: error) { try decoder.nextFrame() }
  }

  @Test("every strict prefix of a structured payload is refused, announced as complete")
  func truncatedPayloads() throws {
    for frame in try sampleFrames() {
      let kind = frame.kind
      guard kind.isKnown, kind != .message else { continue }
      let bytes = try encoded(frame)
      let payload = Array(bytes.dropFirst(FrameHeader.size))
      for length in 0..<payload.count {
        // SETTINGS made of whole parameters is a shorter valid SETTINGS.
        if kind == .settings, length % 6 == 0 { continue }
        let truncated = rawFrame(
          kind: kind.rawValue, flags: bytes[4], streamID: frame.streamID,
          payload: Array(payload.prefix(length)))
        #expect(throws: FramingError.self, "\(kind) cut to \(length)") {
          try decodeAll(truncated)
        }
      }
    }
  }

  @Test("a frame announcing more than the maximum is refused from its header alone")
  func oversizeBeforeBody() throws {
    var decoder = FrameDecoder(maxFramePayloadSize: 16_384)
    let header = rawFrame(kind: 0x06, streamID: 1, announcedLength: 16_385)
    for byte in header.dropLast() {
      decoder.append(contentsOf: [byte])
      #expect(try decoder.nextFrame() == nil)
    }
    decoder.append(contentsOf: [header.last!])
    let error = try #require(throws: FramingError.self) { try decoder.nextFrame() }
    #expect(error.code == .frameTooLarge)
    #expect(error.goAwayCode == .frameSizeError)
    #expect(error.message.contains("16385") && error.message.contains("16384"))
    #expect(error.streamID == 1 && error.kind == .message)
  }

  @Test("a frame at exactly the maximum waits for its body")
  func exactlyMaximum() throws {
    var decoder = FrameDecoder(maxFramePayloadSize: 16_384)
    let payload = [UInt8](repeating: 0xAB, count: 16_384)
    let bytes = rawFrame(kind: 0x06, streamID: 1, payload: payload)
    decoder.append(contentsOf: bytes.dropLast())
    #expect(try decoder.nextFrame() == nil)
    decoder.append(contentsOf: bytes.suffix(1))
    #expect(try decoder.nextFrame() == .message(MessageFrame(streamID: 1, payload: payload[...])))
  }

  @Test("the maximum applies to every kind, unknown ones too, and can be raised")
  func maximumForAllKinds() throws {
    let big = rawFrame(kind: 0x42, payload: [UInt8](repeating: 1, count: 20_000))
    #expect(throws: FramingError.self) { try decodeAll(big, maxFramePayloadSize: 16_384) }
    #expect(try decodeAll(big, maxFramePayloadSize: 20_000).count == 1)
  }
}

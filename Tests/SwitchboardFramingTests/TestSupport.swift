import SwitchboardFraming
import SwitchboardTestSupport


/// A frame as raw bytes, bypassing the encoders, to build inputs they refuse to produce.
func rawFrame(
  kind: UInt8, flags: UInt8 = 0, streamID: UInt32 = 0, payload: [UInt8] = [],
  announcedLength: Int? = nil
) -> [UInt8] {
  let length = announcedLength ?? payload.count
  var bytes: [UInt8] = [
    UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 8),
    UInt8(truncatingIfNeeded: length), kind, flags,
  ]
  bytes += be32(streamID)
  return bytes + payload
}

/// Big-endian bytes of a 16-bit value.
func be16(_ value: UInt16) -> [UInt8] {
  [UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
}

/// Big-endian bytes of a 32-bit value.
func be32(_ value: UInt32) -> [UInt8] {
  (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
}

/// Big-endian bytes of a 64-bit value.
func be64(_ value: UInt64) -> [UInt8] {
  be32(UInt32(truncatingIfNeeded: value >> 32)) + be32(UInt32(truncatingIfNeeded: value))
}

/// Lowercase hex, bytes separated by spaces.
func hexString(_ bytes: some Sequence<UInt8>) -> String {
  let digits = Array("0123456789abcdef")
  return bytes.map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }
    .joined(separator: " ")
}

/// Encodes one frame, failing the test run on an encoder error.
func encoded(_ frame: Frame) throws -> [UInt8] {
  var buffer: [UInt8] = []
  try frame.encode(into: &buffer)
  return buffer
}

/// Metadata from text pairs.
func metadata(_ pairs: [(String, String)]) throws -> FrameMetadata {
  var result = FrameMetadata()
  for (key, value) in pairs { try result.append(key: key, value: value) }
  return result
}

/// Pulls frames until the decoder needs more bytes.
func drain(_ decoder: inout FrameDecoder) throws(FramingError) -> [Frame] {
  var frames: [Frame] = []
  while let frame = try decoder.nextFrame() { frames.append(frame) }
  return frames
}

/// Decodes a complete byte string with a fresh decoder.
func decodeAll(_ bytes: [UInt8], maxFramePayloadSize: Int = 1 << 20) throws(FramingError)
  -> [Frame]
{
  var decoder = FrameDecoder(maxFramePayloadSize: maxFramePayloadSize)
  decoder.append(contentsOf: bytes)
  return try drain(&decoder)
}

/// At least one frame of every kind, with the variants of each that matter.
func sampleFrames() throws -> [Frame] {
  let trace = try metadata([("trace-id", "abc"), ("x.y_z-1", ""), ("trace-id", "second")])
  var binary = FrameMetadata()
  try binary.append(key: "blob", value: [0x00, 0xFF, 0x80, 0x0A])
  return [
    .settings(SettingsFrame()),
    .settings(
      SettingsFrame([
        SettingParameter(.maxFramePayloadSize, 1 << 20),
        SettingParameter(.maxConcurrentStreams, 0),
        SettingParameter(.initialStreamWindowSize, 0x7FFF_FFFF),
        SettingParameter(.maxMessageSize, 0xFFFF_FFFF),
        SettingParameter(.initialConnectionWindowSize, 0),
        SettingParameter(SettingID(rawValue: 0xBEEF), 7),
      ])),
    .settings(.ack),
    .ping(PingFrame(payload: 0x0102_0304_0506_0708)),
    .ping(PingFrame(payload: .max, isAck: true)),
    .goAway(GoAwayFrame(lastStreamID: 0, code: .noError)),
    .goAway(GoAwayFrame(lastStreamID: 0x7FFF_FFFF, code: .protocolError, message: "bad frame ✓")),
    .goAway(GoAwayFrame(lastStreamID: 9, code: GoAwayCode(rawValue: 999), message: "x")),
    .windowUpdate(WindowUpdateFrame(streamID: 0, increment: 1)),
    .windowUpdate(WindowUpdateFrame(streamID: 5, increment: 0x7FFF_FFFF)),
    .callStart(CallStartFrame(streamID: 1, method: "peer.Bench/Send")),
    .callStart(
      CallStartFrame(
        streamID: 0x7FFF_FFFF, method: "switchboard.chat.v1.ChatService/ListChats",
        timeoutMicroseconds: .max, metadata: trace, endStream: true)),
    .callStart(CallStartFrame(streamID: 3, method: "", metadata: binary)),
    .message(MessageFrame(streamID: 1, payload: [])),
    .message(MessageFrame(streamID: 1, payload: [0x0A, 0x02, 0x68, 0x69], endStream: true)),
    .message(MessageFrame(streamID: 3, payload: ArraySlice(0..<200), more: true)),
    .halfClose(HalfCloseFrame(streamID: 7)),
    .end(EndFrame(streamID: 1, status: .ok)),
    .end(
      EndFrame(
        streamID: 11, status: .unavailable, message: "draining; retry elsewhere",
        trailers: trace, refused: true)),
    .end(EndFrame(streamID: 13, status: FrameStatusCode(rawValue: 77), message: "é")),
    .cancel(CancelFrame(streamID: 1)),
    .cancel(CancelFrame(streamID: 21, status: .deadlineExceeded)),
    .unknown(kind: FrameKind(rawValue: 0x42), flags: [], streamID: 0, payload: [1, 2, 3]),
    .unknown(
      kind: FrameKind(rawValue: 0x00), flags: FrameFlags(rawValue: 0xFF), streamID: 7, payload: []),
    .unknown(kind: FrameKind(rawValue: 0xFF), flags: .more, streamID: 8, payload: [9]),
  ]
}

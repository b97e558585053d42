/// GOAWAY (kind 0x03, stream 0): the sender will serve no stream above ``lastStreamID``;
/// with ``GoAwayCode/noError`` a graceful drain, otherwise the reason the connection closes.
///
/// Payload: `last stream id: u32` (high bit reserved), `code: u32`, `message length: u16`,
/// message (UTF-8). This layout is the same in every protocol version.
public struct GoAwayFrame: Hashable, Sendable {
  /// The highest stream id the sender has served or will still serve.
  public var lastStreamID: UInt32
  /// Why.
  public var code: GoAwayCode
  /// Text for people: what happened and what to do.
  public var message: String

  /// Creates a GOAWAY.
  public init(lastStreamID: UInt32, code: GoAwayCode, message: String = "") {
    self.lastStreamID = lastStreamID
    self.code = code
    self.message = message
  }

  /// The GOAWAY reporting a decoding error before the connection closes.
  public init(error: FramingError, lastStreamID: UInt32) {
    self.init(lastStreamID: lastStreamID, code: error.goAwayCode, message: error.message)
  }

  /// The GOAWAY a server sends to a client whose preface asked for a version it lacks.
  public static func unsupportedVersion(_ received: UInt8, supported: [UInt8]) -> GoAwayFrame {
    let list = supported.map { String($0) }.joined(separator: ", ")
    return GoAwayFrame(
      lastStreamID: 0, code: .unsupportedVersion,
      message: "unsupported protocol version \(received); this server supports version \(list)")
  }

  /// Appends the frame to `buffer`.
  ///
  /// - Throws: ``FramingError/Code/invalidValue`` for a message over 65535 bytes or a stream id
  ///   with the high bit set; ``FramingError/Code/frameTooLarge`` past `maxPayloadSize`.
  public func encode(
    into buffer: inout [UInt8], maxPayloadSize: Int = FrameHeader.maxPayloadLength
  ) throws(FramingError) {
    guard lastStreamID <= FrameHeader.maxStreamID else {
      throw FramingError(
        .invalidValue, "GOAWAY last stream id \(lastStreamID) has the reserved high bit set",
        kind: .goAway, streamID: 0)
    }
    try FrameLayout.checkText(message, "message", .goAway, 0)
    try FrameLayout.beginFrame(
      .goAway, flags: [], streamID: 0, payloadLength: 10 + message.utf8.count,
      maxPayloadSize: maxPayloadSize, into: &buffer)
    buffer.appendUInt32(lastStreamID)
    buffer.appendUInt32(code.rawValue)
    buffer.appendText(message)
  }

  /// Decodes a GOAWAY payload.
  static func decode(reader: inout PayloadReader) throws(FramingError) -> Self {
    let last = try reader.readStreamID("last stream id")
    let code = GoAwayCode(rawValue: try reader.readUInt32("code"))
    let message = try reader.readLenientString("message")
    try reader.expectEnd()
    return GoAwayFrame(lastStreamID: last, code: code, message: message)
  }
}

/// END (kind 0x08, server → client): the call's outcome; the stream is closed after it.
///
/// Payload: `status code: u32`, `status message length: u16`, status message (UTF-8),
/// trailing metadata block. Flag REFUSED: the handler never ran, so retrying is safe.
public struct EndFrame: Hashable, Sendable {
  /// The call's stream.
  public var streamID: UInt32
  /// The status code (gRPC numbering).
  public var status: FrameStatusCode
  /// Text for people, empty on success.
  public var message: String
  /// Trailing metadata.
  public var trailers: FrameMetadata
  /// Whether the server never ran the handler (stream limit, draining, …).
  public var refused: Bool

  /// Creates an END.
  public init(
    streamID: UInt32, status: FrameStatusCode, message: String = "",
    trailers: FrameMetadata = FrameMetadata(), refused: Bool = false
  ) {
    self.streamID = streamID
    self.status = status
    self.message = message
    self.trailers = trailers
    self.refused = refused
  }

  /// Bytes of the payload.
  public var payloadLength: Int { 4 + 2 + message.utf8.count + trailers.encodedLength }

  /// Appends the frame to `buffer`.
  ///
  /// - Throws: ``FramingError/Code/frameTooLarge`` when message and trailers exceed
  ///   `maxPayloadSize`; ``FramingError/Code/invalidValue`` for a message over 65535 bytes
  ///   or a bad stream id.
  public func encode(
    into buffer: inout [UInt8], maxPayloadSize: Int = FrameHeader.maxPayloadLength
  ) throws(FramingError) {
    try FrameLayout.checkText(message, "status message", .end, streamID)
    try FrameLayout.beginFrame(
      .end, flags: refused ? .refused : [], streamID: streamID, payloadLength: payloadLength,
      maxPayloadSize: maxPayloadSize, into: &buffer)
    buffer.appendUInt32(status.rawValue)
    buffer.appendText(message)
    trailers.encode(into: &buffer)
  }

  /// Decodes an END payload.
  static func decode(streamID: UInt32, flags: FrameFlags, reader: inout PayloadReader)
    throws(FramingError) -> Self
  {
    let status = FrameStatusCode(rawValue: try reader.readUInt32("status code"))
    let message = try reader.readLenientString("status message")
    let trailers = try reader.readMetadata("trailers")
    try reader.expectEnd()
    return EndFrame(
      streamID: streamID, status: status, message: message, trailers: trailers,
      refused: flags.contains(.refused))
  }
}

/// CALL_START (kind 0x05, client → server): opens a call on a new odd stream id.
///
/// Payload: `method length: u16`, method (UTF-8, `package.Service/Method`),
/// `timeout: u64` (microseconds left until the deadline, 0 = none), metadata block
/// (see ``FrameMetadata``). Flag END_STREAM: no request message follows.
public struct CallStartFrame: Hashable, Sendable {
  /// The call's stream: odd, higher than every stream the client opened before.
  public var streamID: UInt32
  /// The method path, such as `peer.Bench/Send`.
  public var method: String
  /// Microseconds left until the call's deadline when the frame was sent; 0 means none.
  public var timeoutMicroseconds: UInt64
  /// The call's metadata.
  public var metadata: FrameMetadata
  /// Whether the client sends no request message at all (half-closes at once).
  public var endStream: Bool

  /// Creates a CALL_START.
  public init(
    streamID: UInt32, method: String, timeoutMicroseconds: UInt64 = 0,
    metadata: FrameMetadata = FrameMetadata(), endStream: Bool = false
  ) {
    self.streamID = streamID
    self.method = method
    self.timeoutMicroseconds = timeoutMicroseconds
    self.metadata = metadata
    self.endStream = endStream
  }

  /// Bytes of the payload.
  public var payloadLength: Int { 2 + method.utf8.count + 8 + metadata.encodedLength }

  /// Appends the frame to `buffer`.
  ///
  /// - Throws: ``FramingError/Code/frameTooLarge`` when method and metadata exceed
  ///   `maxPayloadSize` (pass the peer's maximum frame payload size);
  ///   ``FramingError/Code/invalidValue`` for a method over 65535 bytes or a bad stream id.
  public func encode(
    into buffer: inout [UInt8], maxPayloadSize: Int = FrameHeader.maxPayloadLength
  ) throws(FramingError) {
    try FrameLayout.checkText(method, "method", .callStart, streamID)
    try FrameLayout.beginFrame(
      .callStart, flags: endStream ? .endStream : [], streamID: streamID,
      payloadLength: payloadLength, maxPayloadSize: maxPayloadSize, into: &buffer)
    buffer.appendText(method)
    buffer.appendUInt64(timeoutMicroseconds)
    metadata.encode(into: &buffer)
  }

  /// Decodes a CALL_START payload.
  static func decode(streamID: UInt32, flags: FrameFlags, reader: inout PayloadReader)
    throws(FramingError) -> Self
  {
    let method = try reader.readStrictString("method")
    let timeout = try reader.readUInt64("timeout")
    let metadata = try reader.readMetadata("metadata")
    try reader.expectEnd()
    return CallStartFrame(
      streamID: streamID, method: method, timeoutMicroseconds: timeout, metadata: metadata,
      endStream: flags.contains(.endStream))
  }
}

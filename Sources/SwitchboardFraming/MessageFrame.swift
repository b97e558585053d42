/// MESSAGE (kind 0x06): a message's bytes, or one piece of a message (flag MORE).
///
/// The payload is the message itself (opaque here; protobuf to the RPC layer). Flag
/// END_STREAM (client only) marks the client's last message; it cannot be combined with MORE.
public struct MessageFrame: Hashable, Sendable {
  /// The call's stream.
  public var streamID: UInt32
  /// The bytes. When decoded, a slice of the decoder's buffer (see ``FrameDecoder``).
  public var payload: ArraySlice<UInt8>
  /// Whether the message continues in the stream's next MESSAGE frame.
  public var more: Bool
  /// Whether this frame ends the client's message stream (half-close).
  public var endStream: Bool

  /// Creates a MESSAGE frame.
  public init(
    streamID: UInt32, payload: ArraySlice<UInt8>, more: Bool = false, endStream: Bool = false
  ) {
    self.streamID = streamID
    self.payload = payload
    self.more = more
    self.endStream = endStream
  }

  /// The flags byte for a MESSAGE frame.
  @inlinable
  static func flags(more: Bool, endStream: Bool) -> FrameFlags {
    var flags: FrameFlags = []
    if more { flags.insert(.more) }
    if endStream { flags.insert(.endStream) }
    return flags
  }

  /// Appends the frame to `buffer`.
  ///
  /// - Throws: ``FramingError/Code/frameTooLarge`` when the payload exceeds
  ///   `maxPayloadSize` (split it with ``FrameEncoder/appendMessage(_:streamID:endStream:maxFramePayloadSize:into:)``);
  ///   ``FramingError/Code/invalidValue`` for MORE with END_STREAM or a bad stream id.
  public func encode(
    into buffer: inout [UInt8], maxPayloadSize: Int = FrameHeader.maxPayloadLength
  ) throws(FramingError) {
    try FrameEncoder.appendMessageHeader(
      streamID: streamID, payloadLength: payload.count, more: more, endStream: endStream,
      maxPayloadSize: maxPayloadSize, into: &buffer)
    buffer.append(contentsOf: payload)
  }

  /// Decodes a MESSAGE payload: no copy, the payload is the slice.
  static func decode(streamID: UInt32, flags: FrameFlags, reader: PayloadReader)
    throws(FramingError) -> Self
  {
    if flags.contains(.more), flags.contains(.endStream) {
      throw reader.malformed("flags MORE and END_STREAM cannot be combined")
    }
    return MessageFrame(
      streamID: streamID, payload: reader.bytes, more: flags.contains(.more),
      endStream: flags.contains(.endStream))
  }
}

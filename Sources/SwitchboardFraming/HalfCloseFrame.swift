/// HALF_CLOSE (kind 0x07, client → server): the client sends no more messages.
///
/// Payload: empty. Needed because an empty MESSAGE payload is a valid (empty) message, so
/// END_STREAM on a MESSAGE cannot say "no more messages" without sending one.
public struct HalfCloseFrame: Hashable, Sendable {
  /// The call's stream.
  public var streamID: UInt32

  /// Creates a HALF_CLOSE.
  @inlinable
  public init(streamID: UInt32) { self.streamID = streamID }

  /// Appends the frame to `buffer`.
  ///
  /// - Throws: ``FramingError/Code/invalidValue`` for a bad stream id.
  public func encode(into buffer: inout [UInt8]) throws(FramingError) {
    try FrameLayout.beginFrame(
      .halfClose, flags: [], streamID: streamID, payloadLength: 0,
      maxPayloadSize: FrameHeader.maxPayloadLength, into: &buffer)
  }

  /// Decodes a HALF_CLOSE payload.
  static func decode(streamID: UInt32, reader: PayloadReader) throws(FramingError) -> Self {
    try reader.expectEnd()
    return HalfCloseFrame(streamID: streamID)
  }
}

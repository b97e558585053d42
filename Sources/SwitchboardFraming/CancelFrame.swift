/// CANCEL (kind 0x09, either direction): abandons the call at once; neither side sends
/// anything more on the stream.
///
/// Payload: `status code: u32`, the reason (usually cancelled or deadlineExceeded).
public struct CancelFrame: Hashable, Sendable {
  /// The call's stream.
  public var streamID: UInt32
  /// Why the call is abandoned.
  public var status: FrameStatusCode

  /// Creates a CANCEL.
  @inlinable
  public init(streamID: UInt32, status: FrameStatusCode = .cancelled) {
    self.streamID = streamID
    self.status = status
  }

  /// Appends the frame to `buffer`.
  ///
  /// - Throws: ``FramingError/Code/invalidValue`` for a bad stream id.
  public func encode(into buffer: inout [UInt8]) throws(FramingError) {
    try FrameLayout.beginFrame(
      .cancel, flags: [], streamID: streamID, payloadLength: 4,
      maxPayloadSize: FrameHeader.maxPayloadLength, into: &buffer)
    buffer.appendUInt32(status.rawValue)
  }

  /// Decodes a CANCEL payload.
  static func decode(streamID: UInt32, reader: inout PayloadReader) throws(FramingError) -> Self {
    guard reader.remaining == 4 else {
      throw reader.malformed("payload must be exactly 4 bytes, got \(reader.remaining)")
    }
    return CancelFrame(
      streamID: streamID, status: FrameStatusCode(rawValue: try reader.readUInt32("status code")))
  }
}

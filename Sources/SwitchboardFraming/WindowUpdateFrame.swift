/// WINDOW_UPDATE (kind 0x04): grants the peer more flow-control credit, for the connection
/// (stream 0) or one call's stream.
///
/// Payload: `increment: u32`, 1...2^31-1 (high bit reserved).
public struct WindowUpdateFrame: Hashable, Sendable {
  /// 0 for the connection window, otherwise the call's stream.
  public var streamID: UInt32
  /// Bytes of credit added, 1...2^31-1.
  public var increment: UInt32

  /// Creates a WINDOW_UPDATE.
  @inlinable
  public init(streamID: UInt32, increment: UInt32) {
    self.streamID = streamID
    self.increment = increment
  }

  /// Appends the frame to `buffer`.
  ///
  /// - Throws: ``FramingError/Code/invalidValue`` for an increment of 0 or above 2^31-1, or
  ///   an even or reserved stream id.
  public func encode(into buffer: inout [UInt8]) throws(FramingError) {
    guard (1...UInt32(FlowControlWindow.maxSize)).contains(increment) else {
      throw FramingError(
        .invalidValue, "WINDOW_UPDATE increment \(increment) is outside 1...2^31-1",
        kind: .windowUpdate, streamID: streamID)
    }
    try FrameLayout.beginFrame(
      .windowUpdate, flags: [], streamID: streamID, payloadLength: 4,
      maxPayloadSize: FrameHeader.maxPayloadLength, into: &buffer)
    buffer.appendUInt32(increment)
  }

  /// Decodes a WINDOW_UPDATE payload.
  static func decode(streamID: UInt32, reader: inout PayloadReader) throws(FramingError) -> Self {
    guard reader.remaining == 4 else {
      throw reader.malformed("payload must be exactly 4 bytes, got \(reader.remaining)")
    }
    let increment = try reader.readUInt32("increment")
    guard (1...UInt32(FlowControlWindow.maxSize)).contains(increment) else {
      throw reader.malformed("increment \(increment) is outside 1...2^31-1")
    }
    return WindowUpdateFrame(streamID: streamID, increment: increment)
  }
}

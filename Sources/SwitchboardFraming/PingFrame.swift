/// PING (kind 0x02, stream 0): 8 opaque bytes the peer echoes back with flag ACK.
public struct PingFrame: Hashable, Sendable {
  /// Whether this is the answer to a PING.
  public var isAck: Bool
  /// The 8 opaque bytes, read as a big-endian integer.
  public var payload: UInt64

  /// Creates a PING, or with `isAck` its answer.
  @inlinable
  public init(payload: UInt64, isAck: Bool = false) {
    self.payload = payload
    self.isAck = isAck
  }

  /// Bytes of the payload.
  public static let payloadLength = 8

  /// Appends the frame to `buffer` (cannot fail: the size is fixed).
  public func encode(into buffer: inout [UInt8]) {
    buffer.reserveAdditional(FrameHeader.size + PingFrame.payloadLength)
    buffer.appendUInt24(UInt32(PingFrame.payloadLength))
    buffer.append(FrameKind.ping.rawValue)
    buffer.append(isAck ? FrameFlags.ack.rawValue : 0)
    buffer.appendUInt32(0)
    buffer.appendUInt64(payload)
  }

  /// Decodes a PING payload.
  static func decode(flags: FrameFlags, reader: inout PayloadReader) throws(FramingError) -> Self {
    guard reader.remaining == payloadLength else {
      throw reader.malformed("payload must be exactly 8 bytes, got \(reader.remaining)")
    }
    return PingFrame(payload: try reader.readUInt64("ping data"), isAck: flags.contains(.ack))
  }
}

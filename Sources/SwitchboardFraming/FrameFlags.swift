/// The flags byte of a frame header. Bits mean different things for different kinds.
///
/// Bits a kind does not define must be sent as 0 and are ignored on receipt.
public struct FrameFlags: OptionSet, Hashable, Sendable {
  /// The byte on the wire.
  public var rawValue: UInt8

  /// Wraps a flags byte.
  @inlinable
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// SETTINGS and PING: this frame acknowledges the peer's frame.
  public static let ack = FrameFlags(rawValue: 0x01)
  /// CALL_START and MESSAGE: the client sends no message after this frame.
  public static let endStream = FrameFlags(rawValue: 0x01)
  /// MESSAGE: the message continues in the stream's next MESSAGE frame.
  public static let more = FrameFlags(rawValue: 0x02)
  /// END: the server never ran the handler, so the call is safe to retry.
  public static let refused = FrameFlags(rawValue: 0x01)
}

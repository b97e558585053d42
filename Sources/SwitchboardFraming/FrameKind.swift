/// The kind byte of a frame header: what the payload means.
///
/// A struct rather than an enum so that kinds this version does not know survive decoding
/// (they become ``Frame/unknown(kind:flags:streamID:payload:)``).
public struct FrameKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The byte on the wire.
  public var rawValue: UInt8

  /// Wraps a kind byte.
  @inlinable
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Connection settings, or their acknowledgement (stream 0).
  public static let settings = FrameKind(rawValue: 0x01)
  /// Liveness check and its answer (stream 0).
  public static let ping = FrameKind(rawValue: 0x02)
  /// Graceful drain or connection error: the last stream that will be served (stream 0).
  public static let goAway = FrameKind(rawValue: 0x03)
  /// Flow-control credit for the connection (stream 0) or one stream.
  public static let windowUpdate = FrameKind(rawValue: 0x04)
  /// Opens a call: method, timeout, metadata (client → server).
  public static let callStart = FrameKind(rawValue: 0x05)
  /// Message bytes, or a piece of a message (either direction).
  public static let message = FrameKind(rawValue: 0x06)
  /// The client will send no more messages (client → server).
  public static let halfClose = FrameKind(rawValue: 0x07)
  /// The call's status and trailing metadata (server → client).
  public static let end = FrameKind(rawValue: 0x08)
  /// Abandons a call at once (either direction).
  public static let cancel = FrameKind(rawValue: 0x09)

  /// Whether this version of the protocol defines the kind.
  public var isKnown: Bool { (0x01...0x09).contains(rawValue) }

  /// Whether a known kind lives on stream 0 (connection-level) rather than a call's stream.
  ///
  /// WINDOW_UPDATE is allowed on both and reports `false`.
  public var isConnectionLevel: Bool { (0x01...0x03).contains(rawValue) }

  /// The name the specification uses, such as `CALL_START`, or `0x2a` for an unknown kind.
  public var description: String {
    switch rawValue {
    case 0x01: "SETTINGS"
    case 0x02: "PING"
    case 0x03: "GOAWAY"
    case 0x04: "WINDOW_UPDATE"
    case 0x05: "CALL_START"
    case 0x06: "MESSAGE"
    case 0x07: "HALF_CLOSE"
    case 0x08: "END"
    case 0x09: "CANCEL"
    default: "kind 0x" + hex(rawValue)
    }
  }
}

/// Two lowercase hex digits.
@usableFromInline
func hex(_ byte: UInt8) -> String {
  let digits: [Character] = Array("0123456789abcdef")
  return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
}

/// Why a GOAWAY was sent. Receivers treat codes they do not know like ``internalError``.
public struct GoAwayCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The value on the wire.
  public var rawValue: UInt32

  /// Wraps a code.
  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Graceful drain: no error.
  public static let noError = GoAwayCode(rawValue: 0)
  /// The peer broke the protocol: bad preface, malformed frame, frame on a wrong stream.
  public static let protocolError = GoAwayCode(rawValue: 1)
  /// The sender failed on its own (a bug or lack of resources).
  public static let internalError = GoAwayCode(rawValue: 2)
  /// The peer sent more message bytes than its flow-control credit.
  public static let flowControlError = GoAwayCode(rawValue: 3)
  /// A frame was larger than the receiver's maximum frame payload size.
  public static let frameSizeError = GoAwayCode(rawValue: 4)
  /// The client's preface asked for a protocol version the server does not speak.
  public static let unsupportedVersion = GoAwayCode(rawValue: 5)
  /// The peer is generating excessive load (for example a flood of PINGs).
  public static let enhanceYourCalm = GoAwayCode(rawValue: 6)

  /// The specification's name, such as `PROTOCOL_ERROR`.
  public var description: String {
    switch rawValue {
    case 0: "NO_ERROR"
    case 1: "PROTOCOL_ERROR"
    case 2: "INTERNAL_ERROR"
    case 3: "FLOW_CONTROL_ERROR"
    case 4: "FRAME_SIZE_ERROR"
    case 5: "UNSUPPORTED_VERSION"
    case 6: "ENHANCE_YOUR_CALM"
    default: "GOAWAY code \(rawValue)"
    }
  }
}

/// Why bytes could not be framed or unframed: the one error type of this module.
///
/// Every error the ``FrameDecoder`` throws is a connection error: the runtime sends the
/// GOAWAY that ``goAwayCode`` names (see ``GoAwayFrame/init(error:lastStreamID:)``) and closes
/// the connection.
public struct FramingError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong, in a form code can switch on.
  public enum Code: Hashable, Sendable {
    /// The first bytes were not a Switchboard connection preface.
    case badPreface
    /// A frame header announced a payload longer than the receiver's maximum frame size.
    case frameTooLarge
    /// A frame's layout broke the specification: a length that does not fit, a value out of
    /// range, a kind on the wrong stream, a reserved bit set.
    case malformedFrame
    /// The peer sent more message bytes than its flow-control credit allowed, or a grant
    /// pushed a window past 2^31-1.
    case flowControlViolation
    /// A value given to an encoder cannot be represented on the wire (not a peer's fault).
    case invalidValue
  }

  /// What went wrong.
  public var code: Code
  /// A sentence a person can act on, naming the frame kind and stream where there is one.
  public var message: String
  /// The kind of the frame at fault, when a frame is at fault.
  public var kind: FrameKind?
  /// The stream of the frame at fault, when a frame is at fault.
  public var streamID: UInt32?

  /// Creates an error.
  @inlinable
  public init(_ code: Code, _ message: String, kind: FrameKind? = nil, streamID: UInt32? = nil) {
    self.code = code
    self.message = message
    self.kind = kind
    self.streamID = streamID
  }

  /// The GOAWAY code a connection closed for this error reports to the peer.
  public var goAwayCode: GoAwayCode {
    switch code {
    case .badPreface, .malformedFrame: .protocolError
    case .frameTooLarge: .frameSizeError
    case .flowControlViolation: .flowControlError
    case .invalidValue: .internalError
    }
  }

  /// `code: message`.
  public var description: String { "\(code): \(message)" }
}

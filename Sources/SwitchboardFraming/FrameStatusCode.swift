/// A call's status code as carried by END and CANCEL frames: gRPC's codes and numbers.
///
/// The RPC layer owns the public status enum; this wrapper keeps codes it does not know
/// (a receiver treats them as ``unknown``).
public struct FrameStatusCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The value on the wire.
  public var rawValue: UInt32

  /// Wraps a code.
  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Success.
  public static let ok = FrameStatusCode(rawValue: 0)
  /// The caller cancelled the call.
  public static let cancelled = FrameStatusCode(rawValue: 1)
  /// An error with no better code.
  public static let unknown = FrameStatusCode(rawValue: 2)
  /// The request was wrong whatever the server's state.
  public static let invalidArgument = FrameStatusCode(rawValue: 3)
  /// The deadline passed before the call completed.
  public static let deadlineExceeded = FrameStatusCode(rawValue: 4)
  /// Something the request named does not exist.
  public static let notFound = FrameStatusCode(rawValue: 5)
  /// Something the request tried to create exists already.
  public static let alreadyExists = FrameStatusCode(rawValue: 6)
  /// The caller may not do this.
  public static let permissionDenied = FrameStatusCode(rawValue: 7)
  /// A quota or limit (message size, stream count) was exceeded.
  public static let resourceExhausted = FrameStatusCode(rawValue: 8)
  /// The system is not in the state the operation needs.
  public static let failedPrecondition = FrameStatusCode(rawValue: 9)
  /// The operation was aborted, typically by a concurrency conflict.
  public static let aborted = FrameStatusCode(rawValue: 10)
  /// A value was outside the valid range.
  public static let outOfRange = FrameStatusCode(rawValue: 11)
  /// The method, or a frame kind on the call's stream, is not implemented.
  public static let unimplemented = FrameStatusCode(rawValue: 12)
  /// An invariant the server relies on is broken.
  public static let `internal` = FrameStatusCode(rawValue: 13)
  /// The service is unavailable for now; retrying may succeed.
  public static let unavailable = FrameStatusCode(rawValue: 14)
  /// Data was lost or corrupted.
  public static let dataLoss = FrameStatusCode(rawValue: 15)
  /// The caller's identity could not be established.
  public static let unauthenticated = FrameStatusCode(rawValue: 16)

  /// The lowerCamelCase name, such as `deadlineExceeded`, or `code 42` when unknown.
  public var description: String {
    let names = [
      "ok", "cancelled", "unknown", "invalidArgument", "deadlineExceeded", "notFound",
      "alreadyExists", "permissionDenied", "resourceExhausted", "failedPrecondition", "aborted",
      "outOfRange", "unimplemented", "internal", "unavailable", "dataLoss", "unauthenticated",
    ]
    return rawValue < names.count ? names[Int(rawValue)] : "code \(rawValue)"
  }
}

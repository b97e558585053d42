public import SwitchboardFraming

/// The one error a call ends with: a status code and a message a person can act on.
///
/// A handler throws it to choose what the caller sees; a client receives it with the same code
/// and message. Any other error a handler throws reaches the caller as ``Code-swift.enum/internal``
/// with no detail, so internals never leak. Domain errors pick their code through
/// ``RPCErrorConvertible`` rather than a switch in the transport.
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
  /// gRPC's status codes, by the same names and numbers (``ok`` is not an error and so is absent).
  public enum Code: UInt32, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The caller cancelled the call.
    case cancelled = 1
    /// An error with no better code; also what an unknown code from a newer peer becomes.
    case unknown = 2
    /// The request was wrong whatever the server's state.
    case invalidArgument = 3
    /// The deadline passed before the call completed.
    case deadlineExceeded = 4
    /// Something the request named does not exist.
    case notFound = 5
    /// Something the request tried to create exists already.
    case alreadyExists = 6
    /// The caller may not do this.
    case permissionDenied = 7
    /// A quota or limit (message size, concurrent calls) was exceeded.
    case resourceExhausted = 8
    /// The system is not in the state the operation needs.
    case failedPrecondition = 9
    /// The operation was aborted, typically by a concurrency conflict.
    case aborted = 10
    /// A value was outside the valid range.
    case outOfRange = 11
    /// The method is not implemented by this server.
    case unimplemented = 12
    /// An invariant the server relies on is broken.
    case `internal` = 13
    /// The service is unavailable for now; retrying may succeed.
    case unavailable = 14
    /// Data was lost or corrupted.
    case dataLoss = 15
    /// The caller's identity could not be established.
    case unauthenticated = 16

    /// The code carried by a frame; `nil` for ok, ``unknown`` for numbers this version lacks.
    public init?(frameStatus: FrameStatusCode) {
      guard frameStatus != .ok else { return nil }
      self = Code(rawValue: frameStatus.rawValue) ?? .unknown
    }

    /// The code as frames carry it.
    public var frameStatus: FrameStatusCode { FrameStatusCode(rawValue: rawValue) }

    /// The lowerCamelCase name, such as `deadlineExceeded`.
    public var description: String { frameStatus.description }
  }

  /// What went wrong, in a form programs branch on.
  public var code: Code
  /// What went wrong, in a form people read.
  public var message: String

  /// Creates an error to end a call with.
  public init(code: Code, message: String) {
    self.code = code
    self.message = message
  }

  /// `code: message`, as logs and test failures show it.
  public var description: String { "\(code): \(message)" }

  /// The error a caller sees for `error` thrown by a handler: its own status when it has one,
  /// otherwise `internal` without the details.
  public static func reported(for error: any Error) -> RPCError {
    switch error {
    case let error as RPCError: return error
    case let error as any RPCErrorConvertible: return error.rpcError
    case is CancellationError: return RPCError(code: .cancelled, message: "the call was cancelled")
    default: return RPCError(code: .internal, message: "the server failed to handle the call")
    }
  }
}

/// An error that knows the status a caller should see, so domain errors map to RPC codes in one
/// place of their own instead of in the transport.
public protocol RPCErrorConvertible: Error {
  /// The status and message for the caller.
  var rpcError: RPCError { get }
}

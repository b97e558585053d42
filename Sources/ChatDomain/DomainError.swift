/// Why a chat rule refused a change: the one error type of this module.
///
/// A refused change changes nothing: every mutating rule either succeeds as a whole or throws
/// before touching its value. The service maps ``kind`` to an RPC status code in one place
/// (`RPCErrorConvertible`) and passes ``message`` through unchanged, so write messages for the
/// person who made the request: say what is wrong and what to do instead.
public struct DomainError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong, in a form code can switch on; each kind has the RPC status of that name.
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    /// The request is wrong whatever the state: bad text, a malformed email, an unknown key.
    case invalidArgument
    /// Something the request named does not exist.
    case notFound
    /// The request is fine but the chat is not in a state that allows it (someone else holds
    /// it, the 24-hour window closed, the chat is in History).
    case failedPrecondition
    /// The caller may not do this, whatever the state.
    case permissionDenied
    /// Something the request tried to create exists already.
    case alreadyExists
  }

  /// What went wrong.
  public var kind: Kind
  /// A sentence a person can act on.
  public var message: String

  /// Creates an error.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// `kind: message`, as logs and test failures show it.
  public var description: String { "\(kind.rawValue): \(message)" }

  static func invalidArgument(_ message: String) -> DomainError { .init(.invalidArgument, message) }
  static func notFound(_ message: String) -> DomainError { .init(.notFound, message) }
  static func failedPrecondition(_ message: String) -> DomainError {
    .init(.failedPrecondition, message)
  }
  static func permissionDenied(_ message: String) -> DomainError {
    .init(.permissionDenied, message)
  }
}

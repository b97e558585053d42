import SwitchboardRPC

/// An error a handler throws with the status the caller gets and a message a person can act
/// on; the RPC layer sends both as they are.
struct ServiceError: Error, RPCErrorConvertible, CustomStringConvertible {
  /// The status code.
  var code: RPCError.Code
  /// What went wrong and what to do about it.
  var message: String

  var rpcError: RPCError { RPCError(code: code, message: message) }
  var description: String { "\(code): \(message)" }

  static func invalidArgument(_ message: String) -> ServiceError { ServiceError(code: .invalidArgument, message: message) }
  static func notFound(_ message: String) -> ServiceError { ServiceError(code: .notFound, message: message) }
  static func failedPrecondition(_ message: String) -> ServiceError { ServiceError(code: .failedPrecondition, message: message) }
  static func permissionDenied(_ message: String) -> ServiceError { ServiceError(code: .permissionDenied, message: message) }
  static func alreadyExists(_ message: String) -> ServiceError { ServiceError(code: .alreadyExists, message: message) }
  static func unauthenticated(_ message: String) -> ServiceError { ServiceError(code: .unauthenticated, message: message) }
}

extension ServiceError {
  static func aborted(_ message: String) -> ServiceError { ServiceError(code: .aborted, message: message) }
  static func outOfRange(_ message: String) -> ServiceError { ServiceError(code: .outOfRange, message: message) }
}

import ChatDomain
import SwitchboardRPC

/// The domain's rule errors as RPC statuses: each kind has the status of its name, and the
/// message goes to the caller unchanged.
extension DomainError: RPCErrorConvertible {
  /// The status of the same name, with the message unchanged.
  public var rpcError: RPCError {
    let code: RPCError.Code =
      switch kind {
      case .invalidArgument: .invalidArgument
      case .notFound: .notFound
      case .failedPrecondition: .failedPrecondition
      case .permissionDenied: .permissionDenied
      case .alreadyExists: .alreadyExists
      }
    return RPCError(code: code, message: message)
  }
}

/// Request fields checked with the domain's value types, which say what is wrong in terms a
/// person can act on; `field` names the request field in the message.
enum Validate {
  static func name(_ text: String, _ field: String) throws -> String {
    try prefixed(field) { () throws(DomainError) in try DisplayName(text).rawValue }
  }

  static func email(_ text: String) throws -> String {
    try prefixed("email") { () throws(DomainError) in try EmailAddress(text).rawValue }
  }

  static func phone(_ text: String) throws -> String {
    try prefixed("phone") { () throws(DomainError) in try PhoneNumber(text).rawValue }
  }

  static func messageText(_ text: String) throws -> String {
    try prefixed("text") { () throws(DomainError) in try MessageText(text).rawValue }
  }

  static func tagName(_ text: String) throws -> String {
    try prefixed("tag name") { () throws(DomainError) in try TagName(text).rawValue }
  }

  static func attributeKey(_ text: String) throws -> String {
    try prefixed("attribute key") { () throws(DomainError) in try AttributeKey(text).rawValue }
  }

  static func attributeValue(_ text: String) throws -> String {
    try prefixed("attribute value") { () throws(DomainError) in try AttributeValue(text).rawValue }
  }

  static func waUserID(_ text: String) throws -> String {
    try prefixed("wa_user_id") { () throws(DomainError) in try WhatsAppUserID(text).rawValue }
  }

  /// Runs `check`, naming `field` in the message of the error it throws.
  private static func prefixed<T>(_ field: String, _ check: () throws(DomainError) -> T) throws -> T {
    do {
      return try check()
    } catch {
      throw DomainError(error.kind, "\(field): \(error.message)")
    }
  }
}

import SwitchboardChatClient

/// Role and scope checks shared by the services; each names who was refused and what would
/// be allowed, so the message tells the caller what to ask for.
extension Caller {
  /// Admin agents and keys with the admin scope.
  func requireAdmin(_ action: String) throws(ServiceError) {
    guard isAdmin else { throw .permissionDenied("\(action) needs an admin; \(displayName) is not one") }
  }

  /// A key with `scope` (admin keys have every workspace scope): connectors.
  func requireScope(_ scope: Scope, _ action: String) throws(ServiceError) {
    guard has(scope) else {
      throw .permissionDenied("\(action) needs an API key with the \(scope) scope; \(displayName) lacks it")
    }
  }
}

import SwitchboardChatClient

/// Role and scope checks shared by the services; each names who was refused and what would
/// be allowed, so the message tells the caller what to ask for.
extension Caller {
  /// Admin agents and keys with the admin scope.
  func requireAdmin(_ action: String) throws(ServiceError) {
    guard isAdmin else { throw .permissionDenied("\(action) needs an admin; \(displayName) is not one") }
  }

  /// Agents (any role) and admin keys: working chats.
  func requireAgentOrAdmin(_ action: String) throws(ServiceError) {
    guard agentID != nil || isAdmin else {
      throw .permissionDenied("\(action) is for agents; \(displayName) cannot do it")
    }
  }

  /// A key with `scope` (or an admin): connectors.
  func requireScope(_ scope: Scope, _ action: String) throws(ServiceError) {
    guard has(scope) || (isAdmin && agentID == nil) else {
      throw .permissionDenied("\(action) needs an API key with the \(scope) scope; \(displayName) lacks it")
    }
  }
}

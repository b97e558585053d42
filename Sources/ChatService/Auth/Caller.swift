/// Who is calling, resolved from the call's `authorization` metadata by ``Authenticator``:
/// handlers read it as `Caller.current` and never see another workspace's data.
struct Caller: Sendable, Hashable {
  /// What kind of credential the call came with.
  enum Identity: Sendable, Hashable {
    /// A human agent, through an agent token.
    case agent(id: Int64, name: String, isAdmin: Bool)
    /// A service, through an API key with scopes.
    case apiKey(id: Int64, label: String, scopes: Set<Scope>)
  }

  /// What an API key may do (the schema's `ApiScope`).
  enum Scope: Int, Sendable, Hashable, CaseIterable {
    case admin = 1
    case ingest = 2
    case delivery = 3
    case tags = 4
    case `operator` = 5
  }

  /// The caller's workspace; nil only for the server operator's key.
  let workspaceID: Int64?
  /// The credential.
  let identity: Identity

  /// The caller of the running call.
  @TaskLocal static var current: Caller?

  /// Whether the caller may administer its workspace: an admin agent, or a key with the
  /// admin scope.
  var isAdmin: Bool {
    switch identity {
    case .agent(_, _, let isAdmin): isAdmin
    case .apiKey(_, _, let scopes): scopes.contains(.admin)
    }
  }

  /// The agent's id, for agent callers.
  var agentID: Int64? {
    if case .agent(let id, _, _) = identity { return id }
    return nil
  }

  /// Whether an API key carries `scope` (admin keys carry every workspace scope).
  func has(_ scope: Scope) -> Bool {
    guard case .apiKey(_, _, let scopes) = identity else { return false }
    return scopes.contains(scope) || (scopes.contains(.admin) && scope != .operator)
  }

  /// A short description for error messages ("agent Ada", "API key 'crm'").
  var displayName: String {
    switch identity {
    case .agent(_, let name, _): "agent \(name)"
    case .apiKey(_, let label, _): "API key '\(label)'"
    }
  }
}

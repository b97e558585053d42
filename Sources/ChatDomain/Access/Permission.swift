/// Something a caller wants to do in a workspace, checked by ``authorize(_:_:)`` before the
/// rules of the chat or contact concerned.
///
/// | permission | admin | agent | API key |
/// |---|---|---|---|
/// | ``manageTags``, ``manageAgents``, ``manageBot``, ``manageCampaigns``, ``manageAPIKeys`` | yes | no | no |
/// | ``workChats`` | yes | yes | no |
/// | ``viewMetrics(agent:)`` for the workspace (`nil`) | yes | no | no |
/// | ``viewMetrics(agent:)`` for one agent | yes | only their own | no |
/// | ``ingest``, ``watchOutbox``, ``reportStatuses`` | no | no | with that scope |
/// | ``setAPITags`` | no | no | with ``APIScope/tags`` |
public enum Permission: Hashable, Sendable {
  /// Edit the catalog of manual tags (rename, delete). Agents may still create a tag while
  /// adding it to a contact, which ``workChats`` covers.
  case manageTags
  /// Invite, change and remove agents.
  case manageAgents
  /// Change the bot's configuration.
  case manageBot
  /// Create and send campaigns.
  case manageCampaigns
  /// Create and revoke API keys.
  case manageAPIKeys
  /// List, watch and read chats, intervene, talk to users, resolve, transfer, tag contacts and
  /// edit their attributes and profiles (each chat's own rules apply on top).
  case workChats
  /// Read the metrics of the whole workspace (`nil`) or of one agent.
  case viewMetrics(agent: AgentID?)
  /// Hand inbound WhatsApp messages to Switchboard.
  case ingest
  /// Watch the outbox of messages to deliver.
  case watchOutbox
  /// Report delivery statuses of outbound messages.
  case reportStatuses
  /// Add and remove API tags on contacts.
  case setAPITags

  /// What the permission lets one do, for error messages.
  var activity: String {
    switch self {
    case .manageTags: "manage the tag catalog"
    case .manageAgents: "manage agents"
    case .manageBot: "configure the bot"
    case .manageCampaigns: "manage campaigns"
    case .manageAPIKeys: "manage API keys"
    case .workChats: "work chats"
    case .viewMetrics(agent: nil): "view the workspace's metrics"
    case .viewMetrics(agent: .some(let id)): "view the metrics of agent \(id)"
    case .ingest: "ingest inbound messages"
    case .watchOutbox: "watch the outbox"
    case .reportStatuses: "report delivery statuses"
    case .setAPITags: "set API tags"
    }
  }

  /// The scope an API key needs, for the permissions API keys can hold.
  var scope: APIScope? {
    switch self {
    case .ingest: .ingest
    case .watchOutbox: .outbox
    case .reportStatuses: .statuses
    case .setAPITags: .tags
    default: nil
    }
  }
}

/// Checks that `principal` may do what `permission` names.
///
/// - Throws: ``DomainError/Kind/permissionDenied`` naming the caller, what it may not do and
///   who may.
public func authorize(_ principal: Principal, _ permission: Permission) throws(DomainError) {
  switch principal {
  case .member(let agent, let role):
    if let scope = permission.scope {
      throw .permissionDenied(
        "\(principal) may not \(permission.activity): that is for API keys with the "
          + "'\(scope.rawValue)' scope")
    }
    switch (permission, role) {
    case (_, .admin), (.workChats, .agent): return
    case (.viewMetrics(agent: .some(let id)), .agent) where id == agent.id: return
    case (.viewMetrics, .agent):
      throw .permissionDenied(
        "\(principal) may not \(permission.activity): agents see only their own metrics")
    case (_, .agent):
      throw .permissionDenied(
        "\(principal) may not \(permission.activity): only admins of the workspace may")
    }
  case .apiKey(_, let scopes):
    guard let scope = permission.scope else {
      throw .permissionDenied(
        "\(principal) may not \(permission.activity): API keys only ingest, watch the outbox, "
          + "report statuses and set API tags; sign in as an agent")
    }
    guard scopes.contains(scope) else {
      throw .permissionDenied(
        "\(principal) may not \(permission.activity): it lacks the '\(scope.rawValue)' scope; "
          + "an admin can create a key that has it")
    }
  }
}

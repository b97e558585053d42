import SwitchboardChatClient
import SwitchboardRPC
import SwitchboardSQLite

/// Workspaces, agents, API keys and agent tokens.
struct AdminProvider: AdminService {
  let desk: Desk
  let authenticator: Authenticator

  func createWorkspace(_ request: CreateWorkspaceRequest, context: ServerContext) async throws -> CreateWorkspaceResponse {
    let caller = try Caller.require()
    guard caller.has(.operator) else {
      throw ServiceError.permissionDenied("creating workspaces needs the operator key that `switchboard serve` printed at first start")
    }
    let name = try Validate.name(request.name, "workspace name")
    let secret = Secrets.mint(.apiKey)
    let now = desk.now
    return try await desk.write { db, _ in
      let id = try db.insertWorkspace(name: name, now: now)
      let key = try db.insertAPIKey(workspaceID: id, label: "first admin key", scopes: [.admin], secret: secret, now: now)
      return CreateWorkspaceResponse(workspace: try db.workspace(id), adminKey: key, adminKeySecret: secret)
    }
  }

  func getWorkspace(_ request: GetWorkspaceRequest, context: ServerContext) async throws -> Workspace {
    let workspaceID = try Caller.require().requireWorkspace()
    guard let workspace = try await desk.read({ try $0.workspace(workspaceID) }) else {
      throw ServiceError.notFound("the workspace of this key no longer exists")
    }
    return workspace
  }

  func updateWorkspaceSettings(_ request: UpdateWorkspaceSettingsRequest, context: ServerContext) async throws -> Workspace {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireAdmin("changing the workspace's settings")
    let update = request.settings ?? WorkspaceSettings()
    for (value, field) in [(update.historyAfterMs, "history_after_ms"), (update.serviceWindowMs, "service_window_ms"), (update.interveneTargetMs, "intervene_target_ms")]
    where value < 0 {
      throw ServiceError.invalidArgument("\(field) must not be negative; got \(value)")
    }
    defer { desk.rules.forget(workspaceID) }
    return try await desk.write { db, _ in
      var settings = try db.settings(workspaceID)
      if update.historyAfterMs > 0 { settings.historyAfterMs = update.historyAfterMs }
      if update.serviceWindowMs > 0 { settings.serviceWindowMs = update.serviceWindowMs }
      settings.interveneTargetMs = update.interveneTargetMs
      try db.updateSettings(workspaceID, settings)
      return try db.workspace(workspaceID)!
    }
  }

  func createAgent(_ request: CreateAgentRequest, context: ServerContext) async throws -> Agent {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireAdmin("adding agents")
    let name = try Validate.name(request.name, "agent name")
    let email = try Validate.email(request.email)
    guard request.role == .agent || request.role == .admin else {
      throw ServiceError.invalidArgument("role must be AGENT_ROLE_AGENT or AGENT_ROLE_ADMIN")
    }
    let now = desk.now
    do {
      return try await desk.write { db, _ in
        try db.insertAgent(workspaceID: workspaceID, name: name, email: email, role: request.role, now: now)
      }
    } catch let error as SQLiteError where error.isUniqueConstraintViolation {
      throw ServiceError.alreadyExists("an agent with email \(email) already exists in this workspace")
    }
  }

  func listAgents(_ request: ListAgentsRequest, context: ServerContext) async throws -> ListAgentsResponse {
    let workspaceID = try Caller.require().requireWorkspace()
    let (limit, cursor) = try Page.parse(request.page)
    let agents = try await desk.read { try $0.agents(workspaceID: workspaceID, after: cursor, limit: limit + 1) }
    let next = agents.count > limit ? PageCursor(key: 0, id: Int64(agents[limit - 1].id)!).token : ""
    return ListAgentsResponse(agents: Array(agents.prefix(limit)), nextPageToken: next)
  }

  func setAgentPresence(_ request: SetAgentPresenceRequest, context: ServerContext) async throws -> Agent {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    let agentID = try Self.presenceTarget(request.agentID, caller: caller)
    let online = request.online
    return try await desk.write { db, _ in
      guard try db.agent(agentID, workspaceID: workspaceID) != nil else {
        throw ServiceError.notFound("no agent has id \(agentID) in this workspace")
      }
      try db.setPresence(agentID: agentID, online: online)
      return try db.agent(agentID, workspaceID: workspaceID)!
    }
  }

  /// Whose presence a call sets: the calling agent's by default; another's only by an admin.
  private static func presenceTarget(_ requested: String, caller: Caller) throws -> Int64 {
    guard !requested.isEmpty else {
      guard let own = caller.agentID else { throw ServiceError.invalidArgument("agent_id is required when an API key calls") }
      return own
    }
    let agentID = try parseID(requested, "agent")
    if agentID != caller.agentID { try caller.requireAdmin("setting another agent's presence") }
    return agentID
  }

  func issueAgentToken(_ request: IssueAgentTokenRequest, context: ServerContext) async throws -> IssueAgentTokenResponse {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireAdmin("issuing agent tokens")
    let agentID = try parseID(request.agentID, "agent")
    let day: Int64 = 24 * 3_600_000
    guard request.ttlMs >= 0, request.ttlMs <= 30 * day else {
      throw ServiceError.invalidArgument("ttl_ms must be between 0 (12 hours) and 30 days; got \(request.ttlMs)")
    }
    let expiresAt = desk.now + (request.ttlMs == 0 ? day / 2 : request.ttlMs)
    let token = Secrets.mint(.agentToken)
    try await desk.write { db, _ in
      guard try db.agent(agentID, workspaceID: workspaceID) != nil else {
        throw ServiceError.notFound("no agent has id \(agentID) in this workspace")
      }
      try db.insertAgentToken(agentID: agentID, secret: token, expiresAt: expiresAt)
    }
    return IssueAgentTokenResponse(token: token, expiresAtMs: expiresAt)
  }

  func createApiKey(_ request: CreateApiKeyRequest, context: ServerContext) async throws -> CreateApiKeyResponse {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireAdmin("creating API keys")
    let label = try Validate.name(request.label, "key label")
    guard !request.scopes.isEmpty else { throw ServiceError.invalidArgument("a key needs at least one scope") }
    for scope in request.scopes {
      switch scope {
      case .admin, .ingest, .delivery, .tags: continue
      case .operator: throw ServiceError.permissionDenied("the operator scope cannot be given to a workspace key")
      default: throw ServiceError.invalidArgument("unknown scope \(scope.rawValue)")
      }
    }
    let secret = Secrets.mint(.apiKey)
    let now = desk.now
    let key = try await desk.write { db, _ in
      try db.insertAPIKey(workspaceID: workspaceID, label: label, scopes: request.scopes, secret: secret, now: now)
    }
    return CreateApiKeyResponse(key: key, secret: secret)
  }

  func listApiKeys(_ request: ListApiKeysRequest, context: ServerContext) async throws -> ListApiKeysResponse {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireAdmin("listing API keys")
    let (limit, cursor) = try Page.parse(request.page)
    let keys = try await desk.read { try $0.apiKeys(workspaceID: workspaceID, before: cursor, limit: limit + 1) }
    let next = keys.count > limit ? PageCursor(key: 0, id: Int64(keys[limit - 1].id)!).token : ""
    return ListApiKeysResponse(keys: Array(keys.prefix(limit)), nextPageToken: next)
  }

  func revokeApiKey(_ request: RevokeApiKeyRequest, context: ServerContext) async throws -> ApiKey {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireAdmin("revoking API keys")
    let keyID = try parseID(request.keyID, "key")
    guard let key = try await desk.write({ db, _ in try db.revokeAPIKey(keyID, workspaceID: workspaceID) }) else {
      throw ServiceError.notFound("no API key has id \(keyID) in this workspace")
    }
    authenticator.invalidate()
    return key
  }
}

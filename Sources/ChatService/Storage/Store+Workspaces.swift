import SwitchboardChatClient
import SwitchboardSQLite

/// Workspaces, agents, API keys and agent tokens.
extension SQLiteConnection {
  /// Default periods: WhatsApp's 24-hour window for both rules, no intervention target.
  static let defaultSettings = WorkspaceSettings(
    historyAfterMs: 24 * 3_600_000, serviceWindowMs: 24 * 3_600_000, interveneTargetMs: 0)

  func insertWorkspace(name: String, now: Int64) throws -> Int64 {
    let settings = Self.defaultSettings
    try execute(
      "INSERT INTO workspaces (name, created_at, history_after_ms, service_window_ms, intervene_target_ms) VALUES (?, ?, ?, ?, ?)",
      [name, now, settings.historyAfterMs, settings.serviceWindowMs, settings.interveneTargetMs])
    return lastInsertRowID
  }

  func workspace(_ id: Int64) throws -> Workspace? {
    try fetchOne(
      "SELECT id, name, created_at, history_after_ms, service_window_ms, intervene_target_ms FROM workspaces WHERE id = ?",
      [id]
    ) { row in
      Workspace(
        id: try row.int64(0).idString, name: try row.string(1), createdAtMs: try row.int64(2),
        settings: WorkspaceSettings(
          historyAfterMs: try row.int64(3), serviceWindowMs: try row.int64(4),
          interveneTargetMs: try row.int64(5)))
    }
  }

  /// A workspace's settings; the defaults when the workspace is gone.
  func settings(_ workspaceID: Int64) throws -> WorkspaceSettings {
    try workspace(workspaceID)?.settings ?? Self.defaultSettings
  }

  func updateSettings(_ workspaceID: Int64, _ settings: WorkspaceSettings) throws {
    try execute(
      "UPDATE workspaces SET history_after_ms = ?, service_window_ms = ?, intervene_target_ms = ? WHERE id = ?",
      [settings.historyAfterMs, settings.serviceWindowMs, settings.interveneTargetMs, workspaceID])
  }

  func workspaceCount() throws -> Int64 {
    try fetchOne("SELECT count(*) FROM workspaces") { try $0.int64(0) } ?? 0
  }

  // MARK: Agents

  private static let agentColumns = "id, name, email, role, online, created_at"

  private static func agent(_ row: SQLiteRow) throws -> Agent {
    Agent(
      id: try row.int64(0).idString, name: try row.string(1), email: try row.string(2),
      role: AgentRole(rawValue: Int32(try row.int64(3))), online: try row.bool(4),
      createdAtMs: try row.int64(5))
  }

  func insertAgent(workspaceID: Int64, name: String, email: String, role: AgentRole, now: Int64) throws -> Agent {
    try execute(
      "INSERT INTO agents (workspace_id, name, email, role, created_at) VALUES (?, ?, ?, ?, ?)",
      [workspaceID, name, email, Int64(role.rawValue), now])
    return Agent(id: lastInsertRowID.idString, name: name, email: email, role: role, online: false, createdAtMs: now)
  }

  func agent(_ id: Int64, workspaceID: Int64) throws -> Agent? {
    try fetchOne("SELECT \(Self.agentColumns) FROM agents WHERE id = ? AND workspace_id = ?", [id, workspaceID], Self.agent)
  }

  func agents(workspaceID: Int64, after cursor: PageCursor?, limit: Int) throws -> [Agent] {
    try fetchAll(
      "SELECT \(Self.agentColumns) FROM agents WHERE workspace_id = ? AND id > ? ORDER BY id LIMIT ?",
      [workspaceID, cursor?.id ?? 0, limit], Self.agent)
  }

  func setPresence(agentID: Int64, online: Bool) throws {
    try execute("UPDATE agents SET online = ? WHERE id = ?", [online ? 1 : 0, agentID])
  }

  // MARK: Keys and tokens

  private static let keyColumns = "id, label, scopes, created_at, secret_prefix, revoked"

  private static func apiKey(_ row: SQLiteRow) throws -> ApiKey {
    ApiKey(
      id: try row.int64(0).idString, label: try row.string(1),
      scopes: try row.string(2).split(separator: ",").compactMap { Int32($0) }.map { ApiScope(rawValue: $0) },
      createdAtMs: try row.int64(3), secretPrefix: try row.string(4), revoked: try row.bool(5))
  }

  func insertAPIKey(workspaceID: Int64?, label: String, scopes: [ApiScope], secret: String, now: Int64) throws -> ApiKey {
    let scopeText = scopes.map { String($0.rawValue) }.joined(separator: ",")
    try execute(
      "INSERT INTO api_keys (workspace_id, label, scopes, secret_digest, secret_prefix, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      [workspaceID, label, scopeText, Secrets.digest(secret), Secrets.displayPrefix(secret), now])
    return ApiKey(
      id: lastInsertRowID.idString, label: label, scopes: scopes, createdAtMs: now,
      secretPrefix: Secrets.displayPrefix(secret), revoked: false)
  }

  /// A workspace's keys, newest first, before `cursor` (served by `api_keys_by_workspace`).
  func apiKeys(workspaceID: Int64, before cursor: PageCursor?, limit: Int) throws -> [ApiKey] {
    try fetchAll(
      "SELECT \(Self.keyColumns) FROM api_keys WHERE workspace_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
      [workspaceID, cursor?.id ?? Int64.max, limit], Self.apiKey)
  }

  func revokeAPIKey(_ id: Int64, workspaceID: Int64) throws -> ApiKey? {
    try execute("UPDATE api_keys SET revoked = 1 WHERE id = ? AND workspace_id = ?", [id, workspaceID])
    return try fetchOne("SELECT \(Self.keyColumns) FROM api_keys WHERE id = ? AND workspace_id = ?", [id, workspaceID], Self.apiKey)
  }

  func insertAgentToken(agentID: Int64, secret: String, expiresAt: Int64) throws {
    try execute(
      "INSERT INTO agent_tokens (secret_digest, agent_id, expires_at) VALUES (?, ?, ?)",
      [Secrets.digest(secret), agentID, expiresAt])
  }

  /// The caller a secret's digest stands for, with when it expires.
  func caller(digest: [UInt8], kind: Secrets.Kind, now: Int64) throws -> (Caller, expiresAt: Int64?)? {
    switch kind {
    case .apiKey:
      return try fetchOne(
        "SELECT id, workspace_id, label, scopes FROM api_keys WHERE secret_digest = ? AND revoked = 0", [digest]
      ) { row in
        let scopes = Set(try row.string(3).split(separator: ",").compactMap { Int($0) }.compactMap(Caller.Scope.init(rawValue:)))
        return (
          Caller(
            workspaceID: row.optionalInt64(1),
            identity: .apiKey(id: try row.int64(0), label: try row.string(2), scopes: scopes)),
          nil
        )
      }
    case .agentToken:
      return try fetchOne(
        """
        SELECT agents.id, agents.workspace_id, agents.name, agents.role, agent_tokens.expires_at
        FROM agent_tokens JOIN agents ON agents.id = agent_tokens.agent_id
        WHERE agent_tokens.secret_digest = ? AND agent_tokens.expires_at > ?
        """,
        [digest, now]
      ) { row in
        (
          Caller(
            workspaceID: try row.int64(1),
            identity: .agent(
              id: try row.int64(0), name: try row.string(2),
              isAdmin: try row.int64(3) == Int64(AgentRole.admin.rawValue))),
          try row.int64(4)
        )
      }
    }
  }
}

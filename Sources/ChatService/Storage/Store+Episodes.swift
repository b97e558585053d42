import SwitchboardSQLite

/// Episodes of chats, for metrics: one opens when a chat starts or comes back (from History
/// or after a resolve), and records when it was requested, accepted, first answered by its
/// agent and resolved. Bot time never counts as agent time: the clock of an agent measure
/// starts at acceptance.
extension SQLiteConnection {
  func episodeStarted(workspaceID: Int64, chatID: Int64, at now: Int64) throws {
    try execute("INSERT INTO episodes (workspace_id, chat_id, started_at) VALUES (?, ?, ?)", [workspaceID, chatID, now])
  }

  /// The chat's open episode (the newest), if any.
  private func openEpisode(_ chatID: Int64) throws -> Int64? {
    try fetchOne("SELECT id FROM episodes WHERE chat_id = ? ORDER BY id DESC LIMIT 1", [chatID]) { try $0.int64(0) }
  }

  func episodeRequested(chatID: Int64, at now: Int64) throws {
    guard let id = try openEpisode(chatID) else { return }
    try execute("UPDATE episodes SET requested_at = coalesce(requested_at, ?) WHERE id = ?", [now, id])
  }

  func episodeAccepted(chatID: Int64, agentID: Int64?, at now: Int64) throws {
    guard let id = try openEpisode(chatID) else { return }
    try execute(
      "UPDATE episodes SET accepted_at = coalesce(accepted_at, ?), agent_id = coalesce(agent_id, ?) WHERE id = ?",
      [now, agentID, id])
  }

  func episodeResponded(chatID: Int64, at now: Int64) throws {
    guard let id = try openEpisode(chatID) else { return }
    try execute(
      "UPDATE episodes SET first_response_at = coalesce(first_response_at, ?) WHERE id = ? AND accepted_at IS NOT NULL",
      [now, id])
  }

  func episodeBreached(chatID: Int64) throws {
    guard let id = try openEpisode(chatID) else { return }
    try execute("UPDATE episodes SET breached = 1 WHERE id = ?", [id])
  }

  /// Closes the open episode; with `startNext`, the chat goes on in a new one (back to the bot).
  func episodeResolved(chatID: Int64, at now: Int64, startNext: Bool) throws {
    guard let id = try openEpisode(chatID) else { return }
    try execute("UPDATE episodes SET resolved_at = ? WHERE id = ?", [now, id])
    if startNext, let workspaceID = try fetchOne("SELECT workspace_id FROM episodes WHERE id = ?", [id], { try $0.int64(0) }) {
      try episodeStarted(workspaceID: workspaceID, chatID: chatID, at: now)
    }
  }
}

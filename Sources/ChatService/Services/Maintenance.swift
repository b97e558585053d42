import ChatDomain
import SwitchboardChatClient
import SwitchboardSQLite

/// The desk's timers, run as one write: chats quiet for the workspace's period move to
/// History, and requested chats waiting past the intervention target are marked breached, each
/// with its journey events and a watch-log entry.
struct Maintenance {
  let db: SQLiteConnection
  let now: Int64

  /// How many chats one pass changes at most; the next pass takes the rest.
  static let batchLimit = 500

  func run(changes: inout Desk.Changes) throws -> Int {
    var changed = 0
    // Each workspace by its own rules, read once, so quiet chats of one never hold back
    // another's.
    for workspaceID in try db.fetchAll("SELECT id FROM workspaces", [], { try $0.int64(0) }) {
      let settings = try db.settings(workspaceID)
      let policy = ChatPolicy(settings)
      changed += try moveToHistory(workspaceID, cutoff: now - settings.historyAfterMs, policy: policy, changes: &changes)
      if settings.interveneTargetMs > 0 {
        changed += try markBreaches(
          workspaceID, cutoff: now - settings.interveneTargetMs, policy: policy, changes: &changes)
      }
    }
    return changed
  }

  private var timestamp: Timestamp { Timestamp(millisecondsSinceEpoch: now) }

  private func moveToHistory(
    _ workspaceID: Int64, cutoff: Int64, policy: ChatPolicy, changes: inout Desk.Changes
  ) throws -> Int {
    var changed = 0
    for var record in try db.chatsToExpire(workspaceID: workspaceID, cutoff: cutoff, limit: Self.batchLimit) {
      var chat = try db.domainChat(record)
      let events = chat.expire(at: timestamp, policy: policy)
      guard !events.isEmpty else { continue }
      try db.save(&record, chat, events: events, changes: &changes, now: now)
      try db.episodeResolved(chatID: record.id, at: now, startNext: false)
      try db.withdrawPendingBotReplies(chatID: record.id, workspaceID: workspaceID, because: .history, changes: &changes)
      changed += 1
    }
    return changed
  }

  private func markBreaches(
    _ workspaceID: Int64, cutoff: Int64, policy: ChatPolicy, changes: inout Desk.Changes
  ) throws -> Int {
    var changed = 0
    for var record in try db.chatsBreachingTarget(workspaceID: workspaceID, cutoff: cutoff) {
      var chat = try db.domainChat(record)
      let events = chat.checkInterventionTarget(at: timestamp, policy: policy)
      guard !events.isEmpty else { continue }
      try db.save(&record, chat, events: events, changes: &changes, now: now)
      try db.episodeBreached(chatID: record.id)
      changes.events.append(
        try db.appendEvent(workspaceID: workspaceID, chatID: record.id, messageID: nil, kind: .interveneTargetBreached))
      changed += 1
    }
    return changed
  }
}

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
    let timestamp = Timestamp(millisecondsSinceEpoch: now)
    // Each workspace by its own period, so quiet chats of one never hold back another's.
    let workspaces = try db.fetchAll("SELECT id, history_after_ms FROM workspaces", []) { (try $0.int64(0), try $0.int64(1)) }
    let due = try workspaces.flatMap { workspaceID, period in
      try db.chatsToExpire(workspaceID: workspaceID, cutoff: now - period, limit: Self.batchLimit)
    }
    for var record in due {
      var chat = try db.domainChat(record)
      let events = chat.expire(at: timestamp, policy: try db.policy(record.workspaceID))
      guard !events.isEmpty else { continue }
      try db.save(&record, chat, events: events, changes: &changes, now: now)
      try db.episodeResolved(chatID: record.id, at: now, startNext: false)
      try db.withdrawPendingBotReplies(chatID: record.id, workspaceID: record.workspaceID, because: .history, changes: &changes)
      changed += 1
    }
    for workspaceID in try db.fetchAll("SELECT id FROM workspaces WHERE intervene_target_ms > 0", [], { try $0.int64(0) }) {
      let target = try db.settings(workspaceID).interveneTargetMs
      for var record in try db.chatsBreachingTarget(workspaceID: workspaceID, cutoff: now - target) {
        var chat = try db.domainChat(record)
        let events = chat.checkInterventionTarget(at: timestamp, policy: try db.policy(workspaceID))
        guard !events.isEmpty else { continue }
        try db.save(&record, chat, events: events, changes: &changes, now: now)
        try db.episodeBreached(chatID: record.id)
        changes.events.append(try db.appendEvent(workspaceID: workspaceID, chatID: record.id, messageID: nil, kind: .interveneTargetBreached))
        changed += 1
      }
    }
    return changed
  }
}

import SwitchboardChatClient
import SwitchboardSQLite

/// The journey, the watch log and the outbox.
extension SQLiteConnection {
  // MARK: Journey

  func appendJourney(workspaceID: Int64, _ event: JourneyEvent) throws {
    guard let contactID = Int64(event.contactID) else { return }
    try execute(
      "INSERT INTO journey (workspace_id, contact_id, event) VALUES (?, ?, ?)",
      [workspaceID, contactID, event.serializedBytes()])
  }

  func journey(contactID: Int64, before cursor: PageCursor?, limit: Int) throws -> [JourneyEvent] {
    try fetchAll(
      "SELECT id, event FROM journey WHERE contact_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
      [contactID, cursor?.id ?? Int64.max, limit]
    ) { row in
      var event = try JourneyEvent(serializedBytes: try row.bytes(1))
      event.id = try row.int64(0).idString
      return event
    }
  }

  func journeyCount(contactID: Int64) throws -> Int64 {
    try fetchOne("SELECT count(*) FROM journey WHERE contact_id = ?", [contactID]) { try $0.int64(0) } ?? 0
  }

  // MARK: Watch log

  /// Appends a chat change to the log watches replay; returns its entry.
  func appendEvent(workspaceID: Int64, chatID: Int64, messageID: Int64?, kind: InboxEvent.Kind) throws -> EventHub.Entry {
    try execute("INSERT INTO events (workspace_id, chat_id, message_id, kind) VALUES (?, ?, ?, ?)") { arguments in
      try arguments.bind(workspaceID)
      try arguments.bind(chatID)
      try arguments.bind(messageID)
      try arguments.bind(Int64(kind.rawValue))
    }
    return EventHub.Entry(sequence: lastInsertRowID, workspaceID: workspaceID, chatID: chatID)
  }

  /// One logged change.
  struct LoggedEvent {
    var sequence: Int64
    var chatID: Int64
    var messageID: Int64?
    var kind: InboxEvent.Kind

    /// A row of `sequence, chat_id, message_id, kind`.
    init(row: SQLiteRow) throws {
      sequence = try row.int64(0)
      chatID = try row.int64(1)
      messageID = row.optionalInt64(2)
      kind = InboxEvent.Kind(rawValue: Int32(try row.int64(3)))
    }
  }

  /// The logged changes after `sequence`: of one chat, or of the whole workspace.
  ///
  /// `outOfRange` when pruning took events after `sequence`: replaying the rest would skip
  /// changes without a word. Sequences are shared by every workspace and chat, so the watch is
  /// refused even if none of the pruned events were its own.
  func events(workspaceID: Int64, chatID: Int64?, after sequence: Int64, limit: Int) throws -> [LoggedEvent] {
    let pruned = try prunedEventSequence()
    guard sequence >= pruned else {
      throw ServiceError.outOfRange(
        """
        the watch log no longer holds the events after sequence \(sequence): events up to \(pruned) were \
        pruned for their age. Reload the chats (ListChats, GetChat) and watch again without after_sequence
        """)
    }
    guard let chatID else {
      return try fetchAll(
        "SELECT sequence, chat_id, message_id, kind FROM events WHERE workspace_id = ? AND sequence > ? ORDER BY sequence LIMIT ?",
        [workspaceID, sequence, limit], LoggedEvent.init(row:))
    }
    return try chatEvents(chatID, after: sequence, limit: limit)
  }

  /// How many low bits of a sequence its block leaves out: `events_by_chat_block` is keyed by
  /// `sequence >> 14`, and a query must state that very expression for SQLite to use it. A
  /// block spans 16,384 events: a chat's events a few seconds apart on a busy desk cost a
  /// lookup or two, a week of them on a desk of a thousand messages a second some 37,000.
  static let eventBlockBits = 14

  /// A chat's events after `sequence`, oldest first: a range of `events_by_chat_block` in each
  /// block from the one `sequence` is in to the newest, until `limit` are found.
  private func chatEvents(_ chatID: Int64, after sequence: Int64, limit: Int) throws -> [LoggedEvent] {
    let bits = Self.eventBlockBits
    let last = try lastEventSequence()
    // A position at or past the newest (a client may send any number) has nothing after it.
    guard sequence < last else { return [] }
    let lastBlock = last >> bits
    var block = max(sequence + 1, 0) >> bits
    var found: [LoggedEvent] = []
    while block <= lastBlock, found.count < limit {
      found += try fetchAll(
        """
        SELECT sequence, chat_id, message_id, kind FROM events INDEXED BY events_by_chat_block
        WHERE sequence >> \(bits) = ? AND chat_id = ? AND sequence > ? ORDER BY sequence LIMIT ?
        """,
        [block, chatID, sequence, limit - found.count], LoggedEvent.init(row:))
      block += 1
    }
    return found
  }

  /// How far a catch-up that read `logged` after `after` has read the whole log: past its last
  /// entry, up to the newest of any scope when the page was not full, since nothing more of
  /// the watch's own was there. A quiet watch then keeps up with the log and holds its pruning
  /// back no further than the last time it was woken.
  func readUpTo(_ logged: [LoggedEvent], after: Int64, limit: Int) throws -> Int64 {
    if logged.count == limit, let last = logged.last { return last.sequence }
    return max(logged.last?.sequence ?? after, try lastEventSequence())
  }

  /// The log's newest sequence, whichever workspace logged it (0 when it is empty): where a
  /// live watch starts. A workspace's own newest would do as well, except for a workspace quiet
  /// for longer than the retention: every event of it pruned, its watches would start before
  /// the pruned point.
  func lastEventSequence() throws -> Int64 {
    try fetchOne("SELECT coalesce(max(sequence), 0) FROM events", []) { try $0.int64(0) } ?? 0
  }

  // MARK: Watch-log retention

  /// The sequence the log was pruned through (0 when it never was): it holds every event after
  /// it, without a gap, because pruning takes the oldest events first and never the newest.
  func prunedEventSequence() throws -> Int64 {
    // A single min() over the primary key: SQLite reads the first row, not the table.
    try fetchOne("SELECT min(sequence) FROM events", []) { $0.optionalInt64(0) }.flatMap { $0 }.map { $0 - 1 } ?? 0
  }

  /// Marks the log's newest sequence with `now` when anything was logged since the last mark.
  /// The marks grow in time and sequence together. Marks later than `now` were made by a clock
  /// that was ahead and has been set back: they go, or marking would stop until their time
  /// came and the log would grow meanwhile (the events they cover count from now instead).
  func markEventLog(now: Int64) throws {
    try execute("DELETE FROM event_marks WHERE marked_at > ?", [now])
    let newest = try lastEventSequence()
    guard newest > 0 else { return }
    if let last = try lastMark(atOrBefore: now), last.at == now || last.sequence >= newest { return }
    try execute("INSERT INTO event_marks (marked_at, sequence) VALUES (?, ?)", [now, newest])
  }

  /// The latest mark made at or before `time`.
  private func lastMark(atOrBefore time: Int64) throws -> (at: Int64, sequence: Int64)? {
    try fetchOne("SELECT marked_at, sequence FROM event_marks WHERE marked_at <= ? ORDER BY marked_at DESC LIMIT 1", [time]) {
      (at: try $0.int64(0), sequence: try $0.int64(1))
    }
  }

  /// Deletes up to `limit` of the oldest events that were logged by the last mark at or before
  /// `cutoff`, never the newest event nor any after `keepingAfter` (an open watch's position);
  /// returns how many it deleted. The marks that mark older than that one go too: it covers
  /// everything they did.
  func pruneEvents(loggedBy cutoff: Int64, limit: Int, keepingAfter kept: Int64? = nil) throws -> Int {
    guard let mark = try lastMark(atOrBefore: cutoff) else { return 0 }
    try execute("DELETE FROM event_marks WHERE marked_at < ?", [mark.at])
    let oldest = try prunedEventSequence() + 1
    let through = min(mark.sequence, try lastEventSequence() - 1, oldest + Int64(limit) - 1, kept ?? .max)
    guard through >= oldest else { return 0 }
    try execute("DELETE FROM events WHERE sequence <= ?", [through])
    return changes
  }

  // MARK: Outbox

  /// Pending outbound messages after `sequence` (a message id), oldest first: the outbox is
  /// the `outbox_pending` partial index. Its condition is written out (`m.status = 1`, the
  /// pending status, fixed by the schema's enum) because SQLite uses a partial index only for
  /// a query that states it; `INDEXED BY` makes a query that stopped matching fail loudly
  /// instead of scanning every message.
  func outbox(workspaceID: Int64, after sequence: Int64, limit: Int) throws -> [OutboxItem] {
    try fetchAll(
      """
      SELECT m.id, m.id, m.chat_id, m.sender, m.text, m.template_name, m.created_at, c.wa_user_id, c.phone
      FROM messages m INDEXED BY outbox_pending
      JOIN chats ch ON ch.id = m.chat_id JOIN contacts c ON c.id = ch.contact_id
      WHERE m.workspace_id = ? AND m.status = 1 AND m.id > ?
      ORDER BY m.id LIMIT ?
      """,
      [workspaceID, sequence, limit]
    ) { row in
      OutboxItem(
        sequence: try row.int64(0),
        message: ChatMessage(
          id: try row.int64(1).idString, chatID: try row.int64(2).idString, direction: .outbound,
          sender: try Actor(serializedBytes: try row.bytes(3)), text: try row.string(4),
          templateName: try row.string(5), status: .pending, createdAtMs: try row.int64(6)),
        waUserID: try row.string(7), phone: try row.string(8))
    }
  }
}

/// Campaign deliveries, for profiles.
extension SQLiteConnection {
  func contactCampaigns(contactID: Int64, before cursor: PageCursor?, limit: Int) throws -> [ContactCampaign] {
    try fetchAll(
      """
      SELECT d.campaign_id, c.name, d.sent_at, d.message_id, m.status
      FROM campaign_deliveries d JOIN campaigns c ON c.id = d.campaign_id JOIN messages m ON m.id = d.message_id
      WHERE d.contact_id = ? AND (d.sent_at, d.campaign_id) < (?, ?)
      ORDER BY d.sent_at DESC, d.campaign_id DESC LIMIT ?
      """,
      [contactID, cursor?.key ?? Int64.max, cursor?.id ?? Int64.max, limit]
    ) { row in
      ContactCampaign(
        campaignID: try row.int64(0).idString, name: try row.string(1), sentAtMs: try row.int64(2),
        messageID: try row.int64(3).idString, status: DeliveryStatus(rawValue: Int32(try row.int64(4))).name)
    }
  }
}

extension DeliveryStatus {
  /// `sent`, `delivered`, ... for display.
  var name: String {
    switch self {
    case .pending: "pending"
    case .sent: "sent"
    case .delivered: "delivered"
    case .read: "read"
    case .failed: "failed"
    case .withdrawn: "withdrawn"
    default: "unknown"
    }
  }
}

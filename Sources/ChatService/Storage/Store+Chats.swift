import SwitchboardChatClient
import SwitchboardSQLite

/// Chats.
extension SQLiteConnection {
  func chat(_ id: Int64, workspaceID: Int64) throws -> ChatRecord? {
    try fetchOne(
      "SELECT \(ChatRecord.columns) FROM chats WHERE id = ? AND workspace_id = ?", [id, workspaceID],
      ChatRecord.init(row:))
  }

  func chat(contactID: Int64) throws -> ChatRecord? {
    try fetchOne("SELECT \(ChatRecord.columns) FROM chats WHERE contact_id = ?", [contactID], ChatRecord.init(row:))
  }

  func insertChat(workspaceID: Int64, contactID: Int64, now: Int64, preview: String) throws -> ChatRecord {
    try execute(
      """
      INSERT INTO chats (workspace_id, contact_id, section, last_message_at, last_inbound_at, preview, version, created_at)
      VALUES (?, ?, ?, ?, ?, ?, 1, ?)
      """,
      [workspaceID, contactID, Int64(Section.active.rawValue), now, now, preview, now])
    return try chat(lastInsertRowID, workspaceID: workspaceID)!
  }

  /// Writes every mutable column of `chat` (its version already bumped by the rule that
  /// changed it), provided the stored chat is still at `loadedVersion`.
  func saveChat(_ chat: ChatRecord, loadedVersion: Int64) throws {
    guard try updateChat(chat, ifStillAt: loadedVersion) else {
      throw ServiceError.aborted("chat \(chat.id) changed while this call ran; try again")
    }
  }

  /// Writes every mutable column of `chat` if the stored chat is still at `loadedVersion`
  /// and, when `contactVersion` is given, its contact still at that version (a decision made
  /// from a remembered contact and chat is checked and stored in one statement); false,
  /// having written nothing, when either moved on.
  func updateChat(_ chat: ChatRecord, ifStillAt loadedVersion: Int64, contactStillAt contactVersion: Int64? = nil) throws -> Bool {
    try execute(contactVersion == nil ? Self.updateChatSQL : Self.updateChatIfContactSQL) { arguments in
      try arguments.bind(Int64(chat.section.rawValue))
      try arguments.bind(chat.ownerAgentID)
      try arguments.bind(chat.lastMessageAt)
      try arguments.bind(chat.lastInboundAt)
      try arguments.bind(chat.preview)
      try arguments.bind(chat.requestedAt)
      try arguments.bind(chat.breached)
      try arguments.bind(chat.version)
      try arguments.bind(chat.botState)
      try arguments.bind(chat.lastInterventionVersion)
      try arguments.bind(chat.acceptedAt)
      try arguments.bind(chat.messageCount)
      try arguments.bind(chat.id)
      try arguments.bind(loadedVersion)
      if let contactVersion { try arguments.bind(contactVersion) }
    }
    return changes == 1
  }

  private static let updateChatSQL = """
    UPDATE chats SET section = ?, owner_agent_id = ?, last_message_at = ?, last_inbound_at = ?,
      preview = ?, requested_at = ?, breached = ?, version = ?, bot_state = ?, last_intervention_version = ?,
      accepted_at = ?, message_count = ?
    WHERE id = ? AND version = ?
    """
  private static let updateChatIfContactSQL =
    updateChatSQL + " AND (SELECT version FROM contacts WHERE contacts.id = chats.contact_id) = ?"

  /// The sections a chat can be in, in the order lists show them.
  static let sections: [Section] = [.active, .requested, .accepted, .history]

  /// Chats matching the filters, most recent message first, after `cursor`. Accepted chats of
  /// agents other than `viewer` are left out unless `viewer` is nil (admins).
  ///
  /// Every section's list is a range of `chats_by_section`; a list of all sections merges the
  /// four ranges' pages. (An index ordered by recency across sections would move on every
  /// message, for a list agents rarely ask for.)
  func chats(
    workspaceID: Int64, section: Section?, tagID: Int64?, attribute: (key: String, value: String)?,
    agentID: Int64?, text: String?, hideAcceptedExceptFor viewer: Int64??, after cursor: PageCursor?, limit: Int
  ) throws -> [ChatRecord] {
    guard let section else {
      let pages = try Self.sections.flatMap { section in
        try chats(
          workspaceID: workspaceID, section: section, tagID: tagID, attribute: attribute, agentID: agentID, text: text,
          hideAcceptedExceptFor: viewer, after: cursor, limit: limit)
      }
      return Array(pages.sorted { ($0.lastMessageAt, $0.id) > ($1.lastMessageAt, $1.id) }.prefix(limit))
    }
    var sql = "SELECT \(ChatRecord.qualifiedColumns) FROM chats ch"
    var arguments: [(any SQLiteBindable)?] = []
    if text != nil { sql += " JOIN contacts co ON co.id = ch.contact_id" }
    // Sections, statuses and directions are written into the SQL rather than bound: SQLite
    // compiles a statement again at every binding of a value it compared with a partial
    // index's condition (`chats_requested` is `section = 2`). One text per value instead.
    sql += " WHERE ch.workspace_id = ? AND ch.section = \(section.rawValue)"
    arguments.append(workspaceID)
    ContactFilter(tagID: tagID, attribute: attribute).append(to: &sql, &arguments, contact: "ch.contact_id")
    if let agentID {
      sql += " AND ch.owner_agent_id = ?"
      arguments.append(agentID)
    }
    if let text {
      sql += " AND (instr(lower(co.name), lower(?)) > 0 OR instr(co.phone, ?) > 0 OR instr(lower(ch.preview), lower(?)) > 0)"
      arguments += [text, text, text]
    }
    if case .some(let viewer) = viewer {
      sql += " AND (ch.section != \(Section.accepted.rawValue) OR ch.owner_agent_id IS ?)"
      arguments.append(viewer)
    }
    if let cursor {
      sql += " AND (ch.last_message_at, ch.id) < (?, ?)"
      arguments += [cursor.key, cursor.id]
    }
    sql += " ORDER BY ch.last_message_at DESC, ch.id DESC LIMIT ?"
    arguments.append(limit)
    return try fetchAll(sql, arguments, ChatRecord.init(row:))
  }

  /// Chats of `workspaceID` in Active, Requested or Accepted whose last message is at or
  /// before `cutoff`, oldest first: due for History (each section's oldest from its range of
  /// `chats_by_section`, merged).
  func chatsToExpire(workspaceID: Int64, cutoff: Int64, limit: Int) throws -> [ChatRecord] {
    let due = try [Section.active, .requested, .accepted].flatMap { section in
      try fetchAll(
        """
        SELECT \(ChatRecord.columns) FROM chats
        WHERE workspace_id = ? AND section = \(section.rawValue) AND last_message_at <= ?
        ORDER BY last_message_at, id LIMIT ?
        """,
        [workspaceID, cutoff, limit],
        ChatRecord.init(row:))
    }
    return Array(due.sorted { ($0.lastMessageAt, $0.id) < ($1.lastMessageAt, $1.id) }.prefix(limit))
  }

  /// Requested chats waiting since before `cutoff` and not yet marked breached (from
  /// `chats_requested`, whose condition, section 2, the query states as SQLite needs).
  func chatsBreachingTarget(workspaceID: Int64, cutoff: Int64) throws -> [ChatRecord] {
    try fetchAll(
      """
      SELECT \(ChatRecord.columns) FROM chats INDEXED BY chats_requested
      WHERE workspace_id = ? AND section = 2 AND requested_at <= ? AND breached = 0
      """,
      [workspaceID, cutoff], ChatRecord.init(row:))
  }

  func sectionCounts(workspaceID: Int64, agentID: Int64?) throws -> [Section: Int64] {
    var counts: [Section: Int64] = [:]
    var sql = "SELECT section, count(*) FROM chats WHERE workspace_id = ?"
    var arguments: [(any SQLiteBindable)?] = [workspaceID]
    if let agentID {
      sql += " AND (section != \(Section.accepted.rawValue) OR owner_agent_id = ?)"
      arguments.append(agentID)
    }
    sql += " GROUP BY section"
    try forEachRow(sql, arguments) { row in
      counts[Section(rawValue: Int32(try row.int64(0)))] = try row.int64(1)
    }
    return counts
  }
}

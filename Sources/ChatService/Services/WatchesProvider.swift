import ChatDomain
import SwitchboardChatClient
import SwitchboardRPC
import SwitchboardSQLite

/// Real-time updates that lose nothing across a reconnect: every event is a row of the
/// `events` table with its sequence number; a watch replays the rows after `after_sequence`,
/// then follows new ones as the hub says they were committed. A quiet watch is sent bookmarks
/// (see `Desk.follow`), so the sequence its client last received stays recent.
struct WatchesProvider: WatchesService {
  let desk: Desk

  func watchInbox(_ request: WatchInboxRequest, writer: RPCWriter<InboxEvent>, context: ServerContext) async throws {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    guard let agentID = caller.agentID else {
      throw ServiceError.permissionDenied("\(caller.displayName) may not watch an inbox: inboxes are agents'")
    }
    let newest = try await desk.read { try $0.lastEventSequence() }
    let start = try Desk.start(of: .chats, after: request.afterSequence, newest: newest)
    let bookmark = { (position: Int64) in try await writer.write(InboxEvent(sequence: position, kind: .bookmark)) }
    try await desk.follow(.chats, workspaceID: workspaceID, from: start, bookmark: bookmark) { after in
      let batch = try await desk.read { db -> ([InboxEvent], Int64, Bool) in
        let logged = try db.events(workspaceID: workspaceID, chatID: nil, after: after, limit: 256)
        var events: [InboxEvent] = []
        // Every event of a batch shows the chats as they are now, so one top bar serves them all.
        let topBar = logged.isEmpty ? TopBar() : try db.topBar(workspaceID: workspaceID, agentID: agentID)
        // Each chat of the batch read and built once, however many of its changes it holds.
        let rows = try db.chats(ids: Set(logged.map(\.chatID)), workspaceID: workspaceID)
        let shown = Dictionary(uniqueKeysWithValues: zip(rows.map(\.id), zip(rows, try db.apiChats(rows))))
        for entry in logged {
          guard let (record, chat) = shown[entry.chatID] else { continue }
          if try record.domainChat(ownerName: chat.ownerAgentName).isListed(for: caller.principal) {
            events.append(InboxEvent(sequence: entry.sequence, kind: entry.kind, chat: chat, topBar: topBar))
          } else {
            events.append(InboxEvent(
              sequence: entry.sequence, kind: .chatHidden, chat: SwitchboardChatClient.Chat(id: record.id.idString), topBar: topBar))
          }
        }
        return (events, try db.readUpTo(logged, after: after, limit: 256), logged.count == 256)
      }
      for event in batch.0 { try await writer.write(event) }
      return (batch.1, batch.2, batch.0.last?.sequence)
    }
  }

  func watchChat(_ request: WatchChatRequest, writer: RPCWriter<ChatEvent>, context: ServerContext) async throws {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    let chatID = try parseID(request.chatID, "chat")
    let newest = try await desk.read { db -> Int64 in
      _ = try db.readableChat(chatID, workspaceID: workspaceID, by: caller)
      return try db.lastEventSequence()
    }
    let from = try Desk.start(of: .chats, after: request.afterSequence, newest: newest)
    let bookmark = { (position: Int64) in try await writer.write(ChatEvent(sequence: position, bookmark: true)) }
    try await desk.follow(.chats, workspaceID: workspaceID, chatID: chatID, from: from, bookmark: bookmark) { after in
      let batch = try await desk.read { db -> ([ChatEvent], Int64, Bool) in
        let logged = try db.events(workspaceID: workspaceID, chatID: chatID, after: after, limit: 256)
        guard let record = try db.chat(chatID, workspaceID: workspaceID) else { return ([], after, false) }
        // Losing sight of the chat (another agent accepted it) ends the watch.
        try db.domainChat(record).authorizeRead(by: caller.principal)
        var events: [ChatEvent] = []
        let chat = logged.isEmpty ? nil : try db.apiChat(record)
        for entry in logged {
          var event = ChatEvent(sequence: entry.sequence, chat: chat)
          if let messageID = entry.messageID { event.message = try db.message(messageID, workspaceID: workspaceID) }
          events.append(event)
        }
        return (events, try db.readUpTo(logged, after: after, limit: 256), logged.count == 256)
      }
      for event in batch.0 { try await writer.write(event) }
      return (batch.1, batch.2, batch.0.last?.sequence)
    }
  }
}

extension SQLiteConnection {
  /// The counts of an agent's top bar: requested chats, and the agent's own accepted ones.
  func topBar(workspaceID: Int64, agentID: Int64) throws -> TopBar {
    // Sections written into the SQL, not bound: see `chats(workspaceID:section:...)`.
    let requested = try fetchOne(
      "SELECT count(*) FROM chats WHERE workspace_id = ? AND section = \(SwitchboardChatClient.Section.requested.rawValue)",
      [workspaceID]) { try $0.int64(0) } ?? 0
    let accepted = try fetchOne(
      "SELECT count(*) FROM chats WHERE owner_agent_id = ? AND section = \(SwitchboardChatClient.Section.accepted.rawValue)",
      [agentID]) { try $0.int64(0) } ?? 0
    return TopBar(
      requestedCount: requested, acceptedCount: accepted,
      requested: try topBarChats(
        """
        SELECT ch.id, co.name, co.wa_user_id, ch.preview, ch.requested_at
        FROM chats ch INDEXED BY chats_requested JOIN contacts co ON co.id = ch.contact_id
        WHERE ch.workspace_id = ? AND ch.section = 2 ORDER BY ch.requested_at, ch.id LIMIT ?
        """,
        [workspaceID, Self.topBarLimit]),
      accepted: try topBarChats(
        """
        SELECT ch.id, co.name, co.wa_user_id, ch.preview, ch.accepted_at
        FROM chats ch INDEXED BY chats_by_owner JOIN contacts co ON co.id = ch.contact_id
        WHERE ch.owner_agent_id = ? AND ch.section = \(SwitchboardChatClient.Section.accepted.rawValue)
        ORDER BY ch.last_message_at DESC, ch.id DESC LIMIT ?
        """,
        [agentID, Self.topBarLimit]))
  }

  /// How many chats each list of the top bar shows.
  static let topBarLimit = 20

  /// The top bar's chats a query of id, name, WhatsApp id, preview and time selects.
  private func topBarChats(_ sql: String, _ arguments: [(any SQLiteBindable)?]) throws -> [TopBarChat] {
    try fetchAll(sql, arguments) { row in
      let name = try row.string(1)
      return TopBarChat(
        chatID: try row.int64(0).idString, contactName: name.isEmpty ? try row.string(2) : name,
        lastMessagePreview: try row.string(3), sinceMs: try row.int64(4))
    }
  }
}

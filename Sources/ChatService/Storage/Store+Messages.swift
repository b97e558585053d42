import SwitchboardChatClient
import SwitchboardSQLite

/// Messages, and how a chat's are found: each message links to the one before it in its chat
/// (`previous_id`), and the chat to its newest (`last_message_id`).
///
/// An index by chat (`messages_by_chat`, until schema 11) put every new message in its own
/// chat's leaf: a page per message for the checkpoints to write back all over the file once
/// chats had long histories. The links cost nothing of the sort: the message row is appended
/// anyway, and the chat's row is rewritten by every message anyway. Reading a chat's messages
/// newest first follows the links, a lookup by id per message, as the index's plan looked each
/// one up in the table.
extension SQLiteConnection {
  private static let messageColumns = """
    id, chat_id, direction, sender, text, template_name, wa_message_id, status, failure_code, failure_text, created_at
    """

  private static func message(_ row: SQLiteRow) throws -> ChatMessage {
    ChatMessage(
      id: try row.int64(0).idString, chatID: try row.int64(1).idString,
      direction: Direction(rawValue: Int32(try row.int64(2))), sender: try Actor(serializedBytes: try row.bytes(3)),
      text: try row.string(4), templateName: try row.string(5), waMessageID: row.optionalString(6) ?? "",
      status: DeliveryStatus(rawValue: Int32(try row.int64(7))), failureCode: try row.string(8),
      failureText: try row.string(9), createdAtMs: try row.int64(10))
  }

  /// Stores a message as its chat's newest and returns its id: the inbound path builds the
  /// API's message after the commit, off the writer. An inbound message's WhatsApp id
  /// (`waMessageID`) is claimed by ``InboundIDIndex/claim(_:workspaceID:on:write:)`` around
  /// this call.
  func insertMessageRow(
    workspaceID: Int64, chatID: Int64, direction: Direction, sender: Actor, text: String,
    templateName: String = "", waMessageID: String?, status: DeliveryStatus, now: Int64
  ) throws -> Int64 {
    try execute(
      """
      INSERT INTO messages (workspace_id, chat_id, direction, sender, text, template_name, wa_message_id, status, created_at, previous_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT nullif(last_message_id, 0) FROM chats WHERE id = ?))
      """
    ) { arguments in
      try arguments.bind(workspaceID)
      try arguments.bind(chatID)
      try arguments.bind(Int64(direction.rawValue))
      try arguments.bind(sender.serializedBytes())
      try arguments.bind(text)
      try arguments.bind(templateName)
      try arguments.bind(waMessageID)
      try arguments.bind(Int64(status.rawValue))
      try arguments.bind(now)
      try arguments.bind(chatID)
    }
    let id = lastInsertRowID
    try execute("UPDATE chats SET last_message_id = ? WHERE id = ?") { arguments in
      try arguments.bind(id)
      try arguments.bind(chatID)
    }
    return id
  }

  /// Takes back an inbound message just written (its chat's newest), and its claim on its
  /// WhatsApp id, so that the id can be stored again.
  func deleteInboundMessageRow(_ id: Int64, workspaceID: Int64, inboundID: InboundID, in index: InboundIDIndex) throws {
    try index.release(inboundID, workspaceID: workspaceID, messageID: id, on: self)
    try execute(
      """
      UPDATE chats SET last_message_id = coalesce((SELECT previous_id FROM messages WHERE id = ?), 0)
      WHERE id = (SELECT chat_id FROM messages WHERE id = ?) AND last_message_id = ?
      """,
      [id, id, id])
    try execute("DELETE FROM messages WHERE id = ?", [id])
  }

  /// The largest message id of any workspace (0 when there is none): the outbox's newest
  /// possible sequence.
  func newestMessageID() throws -> Int64 {
    try fetchOne("SELECT coalesce(max(id), 0) FROM messages", []) { try $0.int64(0) } ?? 0
  }

  func message(_ id: Int64, workspaceID: Int64) throws -> ChatMessage? {
    try fetchOne(
      "SELECT \(Self.messageColumns) FROM messages WHERE id = ? AND workspace_id = ?", [id, workspaceID], Self.message)
  }

  /// The inbound message stored with WhatsApp id `inboundID`, if any. Fails when another id
  /// holds its digest (see ``InboundIDDigest``): the message cannot be stored then, and taking
  /// the other for a retry would answer with someone else's message.
  func inboundMessage(_ inboundID: InboundID, workspaceID: Int64, in index: InboundIDIndex) throws -> ChatMessage? {
    guard let id = try index.messageID(of: inboundID, workspaceID: workspaceID, on: self),
      let stored = try message(id, workspaceID: workspaceID)
    else { return nil }
    guard stored.waMessageID != inboundID.text else { return stored }
    throw ServiceError(
      code: .internal,
      message: "WhatsApp message id \(inboundID.text) has the same digest as message \(stored.id)'s (\(stored.waMessageID)) and cannot be stored: report it to Switchboard's developers")
  }

  /// A chat's messages older than `cursor` (all of them without one), newest first, at most
  /// `limit`. The cursor must name a message of this chat, as the tokens of its list do:
  /// paging from any other id would walk the chat's links down to it.
  func messages(chatID: Int64, before cursor: PageCursor?, limit: Int) throws -> [ChatMessage] {
    guard let cursor else { return try walkBack(from: try newestMessageID(chatID: chatID), limit: limit) }
    let link = try fetchOne("SELECT chat_id, previous_id FROM messages WHERE id = ?", [cursor.id]) { row in
      (chatID: try row.int64(0), previous: row.optionalInt64(1) ?? 0)
    }
    guard let link, link.chatID == chatID else {
      throw ServiceError.invalidArgument(
        "page_token is not from this chat's list of messages: pass the next_page_token ListMessages returned for chat \(chatID.idString)")
    }
    return try walkBack(from: link.previous, limit: limit)
  }

  /// A chat's outbound messages still waiting for the delivery connector, oldest first.
  ///
  /// Every pending message of the workspace is at or after its oldest one (the first of the
  /// `outbox_pending` index), so the chat's messages are read back to there and no further:
  /// a few when the connector keeps up, the chat's messages since it stopped when not.
  func pendingOutbound(chatID: Int64, workspaceID: Int64) throws -> [ChatMessage] {
    guard
      let oldest = try fetchOne(
        "SELECT id FROM messages WHERE workspace_id = ? AND status = \(DeliveryStatus.pending.rawValue) ORDER BY id LIMIT 1",
        [workspaceID], { try $0.int64(0) })
    else { return [] }
    let pending = try walkBack(from: try newestMessageID(chatID: chatID), limit: .max, while: { $0 >= oldest })
      .filter { $0.direction == .outbound && $0.status == .pending }
    return pending.reversed()
  }

  /// The messages written right after message `id` (by id, whatever their chat) for as long
  /// as `belongs` accepts them, oldest first: an inbound message's bot replies, written in the
  /// same transaction just after it.
  func messages(following id: Int64, while belongs: (ChatMessage) -> Bool) throws -> [ChatMessage] {
    let pageSize = 8
    var found: [ChatMessage] = []
    var after = id
    while true {
      let page = try fetchAll(
        "SELECT \(Self.messageColumns) FROM messages WHERE id > ? ORDER BY id LIMIT ?", [after, pageSize], Self.message)
      for message in page {
        guard belongs(message) else { return found }
        found.append(message)
      }
      guard page.count == pageSize, let last = page.last else { return found }
      after = Int64(last.id)!
    }
  }

  func updateDelivery(_ message: ChatMessage, id: Int64) throws {
    try execute(
      "UPDATE messages SET status = ?, wa_message_id = ?, failure_code = ?, failure_text = ? WHERE id = ?",
      [Int64(message.status.rawValue), message.waMessageID.isEmpty ? nil : message.waMessageID, message.failureCode,
       message.failureText, id])
  }

  /// The id of chat `chatID`'s newest message; 0 when it has none (or there is no such chat).
  private func newestMessageID(chatID: Int64) throws -> Int64 {
    try fetchOne("SELECT last_message_id FROM chats WHERE id = ?", [chatID]) { try $0.int64(0) } ?? 0
  }

  /// Messages from `start` back along their chat's links, newest first: at most `limit`, and
  /// only while `keep` accepts the next id.
  private func walkBack(from start: Int64, limit: Int, while keep: (Int64) -> Bool = { _ in true }) throws -> [ChatMessage] {
    var found: [ChatMessage] = []
    var next = start
    while next != 0, found.count < limit, keep(next) {
      guard
        let (message, previous) = try fetchOne(
          "SELECT \(Self.messageColumns), previous_id FROM messages WHERE id = ?", [next],
          { (try Self.message($0), $0.optionalInt64(11) ?? 0) })
      else { break }
      found.append(message)
      next = previous
    }
    return found
  }
}

extension ChatMessage {
  /// The API's message for one just written with these values: what reading it back would give.
  static func written(
    id: Int64, chatID: Int64, direction: Direction, sender: Actor, text: String, templateName: String = "",
    waMessageID: String? = nil, status: DeliveryStatus, at now: Int64
  ) -> ChatMessage {
    ChatMessage(
      id: id.idString, chatID: chatID.idString, direction: direction, sender: sender, text: text,
      templateName: templateName, waMessageID: waMessageID ?? "", status: status, createdAtMs: now)
  }
}

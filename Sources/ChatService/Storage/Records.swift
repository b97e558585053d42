import SwitchboardChatClient
import SwitchboardSQLite

/// A chat row as the service works with it; turned into the API's `Chat` for callers.
struct ChatRecord: Sendable, Hashable {
  var id: Int64
  var workspaceID: Int64
  var contactID: Int64
  var section: Section
  var ownerAgentID: Int64?
  var lastMessageAt: Int64
  var lastInboundAt: Int64
  var preview: String
  var requestedAt: Int64
  var breached: Bool
  var version: Int64
  var createdAt: Int64
  var botState: [UInt8]?
  var lastInterventionVersion: Int64
  var acceptedAt: Int64
  /// The contact's messages, inbound and sent by agents (bot replies not counted).
  var messageCount: Int64

  /// The columns `init(row:)` reads, in order.
  static let columns = """
    id, workspace_id, contact_id, section, owner_agent_id, last_message_at, last_inbound_at,
    preview, requested_at, breached, version, created_at, bot_state, last_intervention_version,
    accepted_at, message_count
    """

  /// The same columns prefixed `ch.`, for queries that join chats to other tables.
  static let qualifiedColumns = columns.split(separator: ",")
    .map { "ch." + String($0).trimmingWhitespace() }.joined(separator: ", ")
}

extension ChatRecord {
  /// How many characters of the last message a chat keeps as its preview.
  static let previewLength = 120

  /// The preview lists show for a last message `text`: its first ``previewLength`` characters.
  static func preview(of text: String) -> String {
    // At most that many UTF-8 bytes is at most that many characters: no walk over graphemes,
    // which took a tenth of the writer's Swift time, for the short messages and the ASCII
    // bot replies nearly all are.
    let utf8 = text.utf8
    if utf8.count <= previewLength { return text }
    // Bytes below 0x80 other than a carriage return (which joins a line feed after it) are one
    // character each, and the byte after them starts the next: their prefix is the preview.
    let asciiCut = utf8.withContiguousStorageIfAvailable { bytes -> String? in
      let head = UnsafeBufferPointer(rebasing: bytes.prefix(previewLength + 1))
      guard head.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
      return String(decoding: UnsafeBufferPointer(rebasing: head.dropLast()), as: UTF8.self)
    }
    return (asciiCut ?? nil) ?? String(text.prefix(previewLength))
  }

  /// The API's chat when the caller already holds the contact's and owner's names and tags.
  func apiChat(contactName: String, waUserID: String, ownerName: String, tags: [String]) -> SwitchboardChatClient.Chat {
    SwitchboardChatClient.Chat(
      id: id.idString, contactID: contactID.idString, contactName: contactName, waUserID: waUserID,
      section: section, ownerAgentID: ownerAgentID?.idString ?? "", ownerAgentName: ownerName,
      lastMessageAtMs: lastMessageAt, lastInboundAtMs: lastInboundAt, lastMessagePreview: preview,
      requestedAtMs: requestedAt, interveneTargetBreached: breached, version: version, tags: tags,
      createdAtMs: createdAt)
  }

  /// Reads a row of ``columns``. (An extension, so the memberwise initializer stays.)
  init(row: SQLiteRow) throws {
    id = try row.int64(0)
    workspaceID = try row.int64(1)
    contactID = try row.int64(2)
    section = Section(rawValue: Int32(try row.int64(3)))
    ownerAgentID = row.optionalInt64(4)
    lastMessageAt = try row.int64(5)
    lastInboundAt = try row.int64(6)
    preview = try row.string(7)
    requestedAt = try row.int64(8)
    breached = try row.bool(9)
    version = try row.int64(10)
    createdAt = try row.int64(11)
    botState = row.optionalBytes(12)
    lastInterventionVersion = try row.int64(13)
    acceptedAt = try row.int64(14)
    messageCount = try row.int64(15)
  }
}

/// A contact row.
struct ContactRecord: Sendable, Hashable {
  var id: Int64
  var workspaceID: Int64
  var waUserID: String
  var name: String
  var phone: String
  var email: String
  var extraDetails: [String: String]
  var createdAt: Int64
  var firstSeenAt: Int64
  var lastSeenAt: Int64
  var messageCount: Int64
  var interventionCount: Int64
  /// Moves whenever the profile, attributes or tags change (by triggers; see the schema).
  var version: Int64

  /// The columns `init(row:)` reads, in order, for a query on `contacts` alone; the message
  /// count is kept on the contact's chat, which every message updates anyway.
  static let columns = """
    id, workspace_id, wa_user_id, name, phone, email, extra_details, created_at, first_seen_at,
    last_seen_at, coalesce((SELECT message_count FROM chats WHERE chats.contact_id = contacts.id), 0),
    intervention_count, version
    """
}

extension ContactRecord {
  /// Reads a row of ``columns``. (An extension, so the memberwise initializer stays.)
  init(row: SQLiteRow) throws {
    id = try row.int64(0)
    workspaceID = try row.int64(1)
    waUserID = try row.string(2)
    name = try row.string(3)
    phone = try row.string(4)
    email = try row.string(5)
    extraDetails = try row.optionalBytes(6).map { try StoredStringMap(serializedBytes: $0).entries } ?? [:]
    createdAt = try row.int64(7)
    firstSeenAt = try row.int64(8)
    lastSeenAt = try row.int64(9)
    messageCount = try row.int64(10)
    interventionCount = try row.int64(11)
    version = try row.int64(12)
  }
}

extension Int64 {
  /// The id as callers see it.
  var idString: String { String(self) }
}

/// Parses an id a caller sent: `notFound` naming `what` when it is not one of ours.
func parseID(_ text: String, _ what: String) throws(ServiceError) -> Int64 {
  guard !text.isEmpty else { throw .invalidArgument("\(what)_id is required") }
  guard let id = Int64(text), id > 0 else { throw .notFound("no \(what) has id \"\(text)\"") }
  return id
}

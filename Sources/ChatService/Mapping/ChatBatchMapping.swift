import ChatDomain
import SwitchboardChatClient
import SwitchboardSQLite

/// Many chats at once, as lists and inbox watches show them: a constant number of queries per
/// page instead of four per chat (its row, its contact, the contact's tags, its owner). An
/// inbox watch builds an event for every change in the workspace, so under load those
/// queries were most of what a watch cost.
extension SQLiteConnection {
  /// The chats of `workspaceID` among `ids`, by id; ids of other workspaces' chats are not
  /// found.
  func chats(ids: some Collection<Int64>, workspaceID: Int64) throws -> [Int64: ChatRecord] {
    guard !ids.isEmpty else { return [:] }
    var found: [Int64: ChatRecord] = [:]
    try forEachRow(
      "SELECT \(ChatRecord.columns) FROM chats WHERE id IN (SELECT value FROM json_each(?)) AND workspace_id = ?",
      [Self.jsonList(ids), workspaceID]
    ) { row in
      let record = try ChatRecord(row: row)
      found[record.id] = record
    }
    return found
  }

  /// The API's chats for stored ones, in the same order, with what ``apiChat(_:)`` adds to
  /// each: the contact's name, WhatsApp id and tags, and the owner's name.
  func apiChats(_ records: some Collection<ChatRecord>) throws -> [SwitchboardChatClient.Chat] {
    guard let first = records.first else { return [] }
    let workspaceID = first.workspaceID
    let contactIDs = Self.jsonList(records.map(\.contactID))
    var contacts: [Int64: (name: String, waUserID: String)] = [:]
    try forEachRow(
      "SELECT id, name, wa_user_id FROM contacts WHERE id IN (SELECT value FROM json_each(?)) AND workspace_id = ?",
      [contactIDs, workspaceID]
    ) { row in contacts[try row.int64(0)] = (try row.string(1), try row.string(2)) }
    // In the order ``contactTags(contactID:)`` gives them, which a chat shows.
    var tags: [Int64: [String]] = [:]
    try forEachRow(
      """
      SELECT contact_tags.contact_id, tags.name FROM contact_tags JOIN tags ON tags.id = contact_tags.tag_id
      WHERE contact_tags.contact_id IN (SELECT value FROM json_each(?))
      ORDER BY contact_tags.contact_id, contact_tags.added_at, tags.id
      """,
      [contactIDs]
    ) { row in tags[try row.int64(0), default: []].append(try row.string(1)) }
    var owners: [Int64: String] = [:]
    let ownerIDs = Set(records.compactMap(\.ownerAgentID))
    if !ownerIDs.isEmpty {
      try forEachRow(
        "SELECT id, name FROM agents WHERE id IN (SELECT value FROM json_each(?)) AND workspace_id = ?",
        [Self.jsonList(ownerIDs), workspaceID]
      ) { row in owners[try row.int64(0)] = try row.string(1) }
    }
    return records.map { record in
      let contact = contacts[record.contactID]
      return record.apiChat(
        contactName: contact?.name ?? "", waUserID: contact?.waUserID ?? "",
        ownerName: record.ownerAgentID.flatMap { owners[$0] } ?? "", tags: tags[record.contactID] ?? [])
    }
  }

  /// Ids as a JSON array, bound as one parameter and read back by `json_each`: one statement
  /// for any number of ids, where `IN (?, ?, ...)` would prepare one per count.
  private static func jsonList(_ ids: some Sequence<Int64>) -> String {
    "[" + ids.map(String.init).joined(separator: ",") + "]"
  }
}

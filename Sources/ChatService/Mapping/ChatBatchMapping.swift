import ChatDomain
import SwitchboardChatClient
import SwitchboardSQLite

/// Many chats at once, as lists and inbox watches show them: a constant number of queries per
/// page instead of four per chat (its row, its contact, the contact's tags, its owner). An
/// inbox watch builds an event for every change in the workspace, so under load those
/// queries were most of what a watch cost.
extension SQLiteConnection {
  /// The chats of `workspaceID` among `ids`; ids of other workspaces' chats are not found.
  func chats(ids: some Collection<Int64>, workspaceID: Int64) throws -> [ChatRecord] {
    guard !ids.isEmpty else { return [] }
    return try fetchAll(Self.chatsByIDSQL, [Self.jsonList(ids), workspaceID], ChatRecord.init(row:))
  }

  /// The API's chats for stored ones of one workspace, in the same order, with what
  /// ``apiChat(_:)`` adds to each: the contact's name, WhatsApp id and tags, and the owner's
  /// name.
  func apiChats(_ records: some Collection<ChatRecord>) throws -> [SwitchboardChatClient.Chat] {
    guard let first = records.first else { return [] }
    let workspaceID = first.workspaceID
    let contactIDs = Self.jsonList(records.map(\.contactID))
    var contacts: [Int64: (name: String, waUserID: String)] = [:]
    try forEachRow(Self.contactNamesSQL, [contactIDs, workspaceID]) { row in
      contacts[try row.int64(0)] = (try row.string(1), try row.string(2))
    }
    var tags: [Int64: [String]] = [:]
    try forEachRow(Self.contactTagNamesSQL, [contactIDs]) { row in
      tags[try row.int64(0), default: []].append(try row.string(1))
    }
    var owners: [Int64: String] = [:]
    let ownerIDs = Set(records.compactMap(\.ownerAgentID))
    if !ownerIDs.isEmpty {
      try forEachRow(Self.agentNamesSQL, [Self.jsonList(ownerIDs), workspaceID]) { row in
        owners[try row.int64(0)] = try row.string(1)
      }
    }
    return records.map { record in
      let contact = contacts[record.contactID]
      return record.apiChat(
        contactName: contact?.name ?? "", waUserID: contact?.waUserID ?? "",
        ownerName: record.ownerAgentID.flatMap { owners[$0] } ?? "", tags: tags[record.contactID] ?? [])
    }
  }

  // Each query walks the ids and looks every one up by key. `CROSS JOIN` fixes that order:
  // with `id IN (SELECT value FROM json_each(?)) AND workspace_id = ?`, SQLite chose to scan
  // the workspace's whole index instead. `ChatPagesTests` checks the plans.

  static let chatsByIDSQL = """
    SELECT \(ChatRecord.qualifiedColumns) FROM json_each(?) AS ids CROSS JOIN chats ch ON ch.id = ids.value
    WHERE ch.workspace_id = ?
    """

  static let contactNamesSQL = """
    SELECT co.id, co.name, co.wa_user_id FROM json_each(?) AS ids CROSS JOIN contacts co ON co.id = ids.value
    WHERE co.workspace_id = ?
    """

  /// In the order they were added, as ``contactTags(contactID:)`` gives them.
  static let contactTagNamesSQL = """
    SELECT ct.contact_id, t.name FROM json_each(?) AS ids
    CROSS JOIN contact_tags ct ON ct.contact_id = ids.value JOIN tags t ON t.id = ct.tag_id
    ORDER BY ct.contact_id, ct.added_at, t.id
    """

  static let agentNamesSQL = """
    SELECT a.id, a.name FROM json_each(?) AS ids CROSS JOIN agents a ON a.id = ids.value WHERE a.workspace_id = ?
    """

  /// Ids as a JSON array, bound as one parameter and read back by `json_each`: one statement
  /// for any number of ids, where `IN (?, ?, ...)` would prepare one per count.
  private static func jsonList(_ ids: some Sequence<Int64>) -> String {
    "[" + ids.map(String.init).joined(separator: ",") + "]"
  }
}

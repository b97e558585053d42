import SwitchboardChatClient
import SwitchboardSQLite

/// Contacts, their attributes and tags.
extension SQLiteConnection {
  func contact(_ id: Int64, workspaceID: Int64) throws -> ContactRecord? {
    try fetchOne(
      "SELECT \(ContactRecord.columns) FROM contacts WHERE id = ? AND workspace_id = ?", [id, workspaceID],
      ContactRecord.init(row:))
  }

  func contact(waUserID: String, workspaceID: Int64) throws -> ContactRecord? {
    try fetchOne(
      "SELECT \(ContactRecord.columns) FROM contacts WHERE workspace_id = ? AND wa_user_id = ?",
      [workspaceID, waUserID], ContactRecord.init(row:))
  }

  func insertContact(workspaceID: Int64, waUserID: String, name: String, phone: String, now: Int64) throws -> Int64 {
    try execute(
      """
      INSERT INTO contacts (workspace_id, wa_user_id, name, phone, created_at, first_seen_at, last_seen_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """,
      [workspaceID, waUserID, name, phone, now, now, now])
    return lastInsertRowID
  }

  func updateContactProfile(_ contact: ContactRecord) throws {
    try execute(
      "UPDATE contacts SET name = ?, phone = ?, email = ?, extra_details = ? WHERE id = ?",
      [contact.name, contact.phone, contact.email,
       contact.extraDetails.isEmpty ? nil : StoredStringMap(entries: contact.extraDetails).serializedBytes(),
       contact.id])
  }

  /// Moves a contact's last-seen time to `now` unless it moved within the last minute.
  func contactSeen(_ id: Int64, at now: Int64) throws {
    try execute(
      "UPDATE contacts SET last_seen_at = ? WHERE id = ? AND last_seen_at <= ?",
      [now, id, now - Self.lastSeenPrecision])
  }

  /// How stale a contact's last-seen time may be, in milliseconds: `last_seen_at` orders
  /// contact lists through an index, and moving the contact in it on every message of a
  /// conversation cost the writer more than the minute of precision is worth.
  static let lastSeenPrecision: Int64 = 60_000

  func countIntervention(contactID: Int64) throws {
    try execute("UPDATE contacts SET intervention_count = intervention_count + 1 WHERE id = ?", [contactID])
  }

  // MARK: Attributes

  func attributes(contactID: Int64) throws -> [String: String] {
    var attributes: [String: String] = [:]
    try forEachRow("SELECT key, value FROM attributes WHERE contact_id = ?", [contactID]) { row in
      attributes[try row.string(0)] = try row.string(1)
    }
    return attributes
  }

  func setAttribute(contactID: Int64, workspaceID: Int64, key: String, value: String) throws {
    try execute(
      "INSERT INTO attributes (contact_id, workspace_id, key, value) VALUES (?, ?, ?, ?) ON CONFLICT (contact_id, key) DO UPDATE SET value = excluded.value",
      [contactID, workspaceID, key, value])
  }

  func removeAttribute(contactID: Int64, key: String) throws {
    try execute("DELETE FROM attributes WHERE contact_id = ? AND key = ?", [contactID, key])
  }

  // MARK: Tags

  func tag(named name: String, workspaceID: Int64) throws -> Tag? {
    try fetchOne(
      "SELECT id, name, created_at FROM tags WHERE workspace_id = ? AND name_key = ?",
      [workspaceID, name.lowercased()]
    ) { row in Tag(id: try row.int64(0).idString, name: try row.string(1), createdAtMs: try row.int64(2)) }
  }

  func tag(_ id: Int64, workspaceID: Int64) throws -> Tag? {
    try fetchOne(
      """
      SELECT id, name, created_at, (SELECT count(*) FROM contact_tags WHERE tag_id = tags.id)
      FROM tags WHERE id = ? AND workspace_id = ?
      """,
      [id, workspaceID]
    ) { row in
      Tag(id: try row.int64(0).idString, name: try row.string(1), createdAtMs: try row.int64(2), contactCount: try row.int64(3))
    }
  }

  func insertTag(workspaceID: Int64, name: String, now: Int64) throws -> Tag {
    try execute(
      "INSERT INTO tags (workspace_id, name, name_key, created_at) VALUES (?, ?, ?, ?)",
      [workspaceID, name, name.lowercased(), now])
    return Tag(id: lastInsertRowID.idString, name: name, createdAtMs: now)
  }

  func renameTag(_ id: Int64, to name: String) throws {
    try execute("UPDATE tags SET name = ?, name_key = ? WHERE id = ?", [name, name.lowercased(), id])
  }

  /// Deletes a tag and its assignments; returns how many contacts lost it.
  func deleteTag(_ id: Int64) throws -> Int64 {
    try execute("DELETE FROM contact_tags WHERE tag_id = ?", [id])
    let removed = Int64(changes)
    try execute("DELETE FROM tags WHERE id = ?", [id])
    return removed
  }

  func tags(workspaceID: Int64, afterName: String?, limit: Int) throws -> [Tag] {
    try fetchAll(
      """
      SELECT id, name, created_at, (SELECT count(*) FROM contact_tags WHERE tag_id = tags.id)
      FROM tags WHERE workspace_id = ? AND name_key > ? ORDER BY name_key LIMIT ?
      """,
      [workspaceID, afterName ?? "", limit]
    ) { row in
      Tag(id: try row.int64(0).idString, name: try row.string(1), createdAtMs: try row.int64(2), contactCount: try row.int64(3))
    }
  }

  func contactTags(contactID: Int64) throws -> [ContactTag] {
    try fetchAll(
      """
      SELECT tags.id, tags.name, contact_tags.kind, contact_tags.actor, contact_tags.added_at
      FROM contact_tags JOIN tags ON tags.id = contact_tags.tag_id
      WHERE contact_tags.contact_id = ? ORDER BY contact_tags.added_at, tags.id
      """,
      [contactID]
    ) { row in
      ContactTag(
        tagID: try row.int64(0).idString, name: try row.string(1), kind: TagKind(rawValue: Int32(try row.int64(2))),
        addedBy: try Actor(serializedBytes: try row.bytes(3)), addedAtMs: try row.int64(4))
    }
  }

  /// Tags a contact; false when it already had the tag (nothing changes then).
  func addContactTag(contactID: Int64, tagID: Int64, kind: TagKind, actor: Actor, now: Int64) throws -> Bool {
    try execute(
      "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id, kind, actor, added_at) VALUES (?, ?, ?, ?, ?)",
      [contactID, tagID, Int64(kind.rawValue), actor.serializedBytes(), now])
    return changes > 0
  }

  func removeContactTag(contactID: Int64, tagID: Int64) throws -> Bool {
    try execute("DELETE FROM contact_tags WHERE contact_id = ? AND tag_id = ?", [contactID, tagID])
    return changes > 0
  }

  /// Contact ids matching the filters, most recently seen first, after `cursor`. Contacts whose
  /// chat an agent other than `viewer` accepted are left out unless `viewer` is nil (admins and
  /// keys).
  func contactIDs(
    workspaceID: Int64, tagID: Int64?, attribute: (key: String, value: String)?, hideAcceptedExceptFor viewer: Int64??,
    after cursor: PageCursor?, limit: Int
  ) throws -> [(id: Int64, lastSeenAt: Int64)] {
    var sql = "SELECT c.id, c.last_seen_at FROM contacts c WHERE c.workspace_id = ?"
    var arguments: [(any SQLiteBindable)?] = [workspaceID]
    ContactFilter(tagID: tagID, attribute: attribute).append(to: &sql, &arguments, contact: "c.id")
    if case .some(let viewer) = viewer {
      sql += " AND NOT EXISTS (SELECT 1 FROM chats ch WHERE ch.contact_id = c.id AND ch.section = \(Section.accepted.rawValue) AND ch.owner_agent_id IS NOT ?)"
      arguments.append(viewer)
    }
    if let cursor {
      sql += " AND (c.last_seen_at, c.id) < (?, ?)"
      arguments += [cursor.key, cursor.id]
    }
    sql += " ORDER BY c.last_seen_at DESC, c.id DESC LIMIT ?"
    arguments.append(limit)
    return try fetchAll(sql, arguments) { (try $0.int64(0), try $0.int64(1)) }
  }
}

import SwitchboardSQLite

/// The filters lists of chats and of contacts share: contacts carrying a tag, or an attribute
/// (with a given value, or any), each an `EXISTS` on its table's index.
struct ContactFilter {
  var tagID: Int64?
  var attribute: (key: String, value: String)?

  /// Appends the filters as `AND` clauses on the contact id in column `contact`.
  func append(to sql: inout String, _ arguments: inout [(any SQLiteBindable)?], contact: String) {
    if let tagID {
      sql += " AND EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = \(contact) AND t.tag_id = ?)"
      arguments.append(tagID)
    }
    if let attribute {
      sql += " AND EXISTS (SELECT 1 FROM attributes a WHERE a.contact_id = \(contact) AND a.key = ?"
      arguments.append(attribute.key)
      if !attribute.value.isEmpty {
        sql += " AND a.value = ?"
        arguments.append(attribute.value)
      }
      sql += ")"
    }
  }
}

import SwitchboardChatClient
import SwitchboardSQLite

/// Fills a new desk's database with history, straight into its tables: the API would take
/// hours for ten million messages. It writes what the desk's own inbound path writes for a
/// message and its bot reply (contacts, chats, messages), following the ChatService schema;
/// a change of that schema must be mirrored here.
enum Preload {
  /// Stores `count` messages for `users` WhatsApp users of workspace 1, half inbound and half
  /// bot replies, with the users the load then writes as (so they are returning users).
  static func messages(_ count: Int, users: Int, into path: String) throws {
    let db = try SQLiteConnection(path: path)
    let now: Int64 = 1_800_000_000_000
    let contact = Actor(kind: .contact, name: "").serializedBytes()
    let bot = Actor(kind: .bot, name: "the bot").serializedBytes()
    try db.transaction { db in
      for user in 0..<users {
        try db.execute(
          "INSERT INTO contacts (workspace_id, wa_user_id, name, created_at, first_seen_at, last_seen_at) VALUES (1, ?, ?, ?, ?, ?)",
          ["55119\(10_000_000 + user)", "User \(user)", now, now, now])
        try db.execute(
          "INSERT INTO chats (workspace_id, contact_id, section, last_message_at, last_inbound_at, preview, version, created_at) VALUES (1, ?, 1, ?, ?, 'hello', 1, ?)",
          [db.lastInsertRowID, now, now, now])
      }
    }
    let batch = 200_000
    var written = 0
    while written < count {
      try db.transaction { db in
        for index in written..<min(written + batch, count) {
          let chat = Int64(index / 2 % users + 1)
          let inbound = index % 2 == 0
          try db.execute(
            "INSERT INTO messages (workspace_id, chat_id, direction, sender, text, wa_message_id, status, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            [chat, inbound ? 1 : 2, inbound ? contact : bot, inbound ? "hello, is anyone there?" : "Hello! How can I help you today?",
             inbound ? "preload.\(index)" : nil, inbound ? 0 : 4, now - Int64(count - index)])
        }
      }
      written = min(written + batch, count)
    }
  }
}

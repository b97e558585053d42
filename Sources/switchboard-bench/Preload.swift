import ChatService
import SwitchboardChatClient
import SwitchboardSQLite

/// Fills a new desk's database with history, straight into its tables: the API would take
/// hours for ten million messages. It writes what the desk's own inbound path writes for a
/// message and its bot reply (contacts, chats, messages, the watch log), following the
/// ChatService schema; a change of that schema must be mirrored here.
enum Preload {
  /// Stores `count` messages for `users` WhatsApp users of workspace 1, half inbound and half
  /// bot replies. The load writes as the first of them, so they are returning users.
  static func messages(_ count: Int, users: Int, into path: String) throws {
    let db = try SQLiteConnection(path: path)
    // The server's writer cache, so that pages touched again within a transaction (chats) are
    // written once.
    try db.execute("PRAGMA cache_size = -\(SQLiteDatabase.writerCacheKiB)")
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
    // Each chat's newest message so far: a message links to it, as the inbound path's do.
    var newest = [Int64](repeating: 0, count: users + 1)
    let batch = 200_000
    var written = 0
    while written < count {
      try db.transaction { db in
        for index in written..<min(written + batch, count) {
          let user = index / 2 % users
          let chat = Int64(user + 1)
          let inbound = index % 2 == 0
          let waMessageID = inbound ? whatsAppMessageID(user: "55119\(10_000_000 + user)", unique: UInt64(index)) : nil
          try db.execute(
            "INSERT INTO messages (workspace_id, chat_id, direction, sender, text, wa_message_id, status, created_at, previous_id) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
            [chat, inbound ? 1 : 2, inbound ? contact : bot, inbound ? "hello, is anyone there?" : "Hello! How can I help you today?",
             waMessageID, inbound ? 0 : 4, now - Int64(count - index), newest[user + 1] == 0 ? nil : newest[user + 1]])
          newest[user + 1] = db.lastInsertRowID
          // The message's claim on its WhatsApp id and the watch log's row for the message and
          // its reply, as the inbound path writes them.
          if let waMessageID {
            let messageID = db.lastInsertRowID
            try db.execute(
              "INSERT INTO inbound_ids (block, workspace_id, digest, message_id) VALUES (?, 1, ?, ?)",
              [messageID >> Int64(InboundIDIndex.blockBits), InboundIDDigest.of(waMessageID), messageID])
            try db.execute(
              "INSERT INTO events (workspace_id, chat_id, message_id, kind) VALUES (1, ?, ?, ?)",
              [chat, messageID, Int64(InboxEvent.Kind.chatUpdated.rawValue)])
          }
        }
      }
      written = min(written + batch, count)
    }
    try db.transaction { db in
      for chat in 1...users where newest[chat] != 0 {
        try db.execute("UPDATE chats SET last_message_id = ? WHERE id = ?", [newest[chat], Int64(chat)])
      }
    }
  }
}

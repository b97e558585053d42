@testable import ChatService
import Foundation
import SwitchboardChatClient
import SwitchboardSQLite
import Testing

/// A chat's messages are found through links (each message names the one before it in its
/// chat, the chat its newest), not an index: every list, page, withdrawal and upgrade must see
/// exactly the chat's own messages, in order.
@Suite(.timeLimit(.minutes(1)))
struct ChatMessageLinksTests {
  /// A database at schema `version` (the newest by default) with workspace 1, contacts 7 and 8
  /// and their chats 3 and 4.
  static func twoChats(_ path: String, at version: Int = StoreSchema.migrations.count) throws -> SQLiteConnection {
    let db = try InboundIDMigrationTests.acme(path, at: version)
    try db.execute(
      """
      INSERT INTO contacts (id, workspace_id, wa_user_id, name, created_at, first_seen_at, last_seen_at)
        VALUES (8, 1, '5511999991111', 'Bia', 0, 0, 0);
      INSERT INTO chats (id, workspace_id, contact_id, section, last_message_at, last_inbound_at, preview, version, created_at)
        VALUES (4, 1, 8, 1, 0, 0, 'hi', 1, 0)
      """)
    return db
  }

  @discardableResult
  static func store(_ text: String, in chatID: Int64, db: SQLiteConnection, bot: Bool = false) throws -> Int64 {
    try db.insertMessageRow(
      workspaceID: 1, chatID: chatID, direction: bot ? .outbound : .inbound,
      sender: SwitchboardChatClient.Actor(kind: bot ? .bot : .contact), text: text, waMessageID: nil,
      status: bot ? .pending : .unspecified, now: 1)
  }

  /// Every page of chat `chatID`'s messages, `size` at a time, as the API pages them.
  static func pages(of chatID: Int64, size: Int, db: SQLiteConnection) throws -> [[String]] {
    var pages: [[String]] = []
    var cursor: PageCursor?
    repeat {
      let page = try db.messages(chatID: chatID, before: cursor, limit: size + 1)
      pages.append(page.prefix(size).map(\.text))
      cursor = page.count > size ? PageCursor(key: 0, id: Int64(page[size - 1].id)!) : nil
    } while cursor != nil
    return pages
  }

  @Test func aChatListsItsOwnMessagesNewestFirstPageByPage() throws {
    try withDatabaseFile("links") { path in
      let db = try Self.twoChats(path)
      #expect(try db.messages(chatID: 3, before: nil, limit: 10).isEmpty)
      for number in 1...5 {
        try Self.store("ana \(number)", in: 3, db: db)
        try Self.store("bia \(number)", in: 4, db: db)
      }
      #expect(try Self.pages(of: 3, size: 2, db: db) == [["ana 5", "ana 4"], ["ana 3", "ana 2"], ["ana 1"]])
      #expect(try Self.pages(of: 4, size: 5, db: db) == [["bia 5", "bia 4", "bia 3", "bia 2", "bia 1"]])

      // A token must come from this chat's list: another chat's, or any other id, is refused
      // (paging from it would walk the chat down to it).
      let biaThird = try #require(try db.messages(chatID: 4, before: nil, limit: 3).last)
      for id in [Int64(biaThird.id)!, 1_000_000, 0, -1, .max] {
        let error = try #require(throws: ServiceError.self) {
          try db.messages(chatID: 3, before: PageCursor(key: 0, id: id), limit: 10)
        }
        #expect(error.code == .invalidArgument && error.message.contains("page_token"), "\(error.message)")
      }
      // The chat's own first message: nothing before it.
      let first = try #require(try db.messages(chatID: 3, before: nil, limit: 10).last)
      #expect(first.text == "ana 1")
      #expect(try db.messages(chatID: 3, before: PageCursor(key: 0, id: Int64(first.id)!), limit: 10).isEmpty)
      // No such chat: nothing, not another chat's messages.
      #expect(try db.messages(chatID: 99, before: nil, limit: 10).isEmpty)
    }
  }

  @Test func aMessageTakenBackLeavesTheChatAsBefore() throws {
    try withDatabaseFile("links-withdrawn") { path in
      let db = try Self.twoChats(path)
      let index = InboundIDIndex()
      try Self.store("first", in: 3, db: db)
      let taken = try index.claim(InboundID("wamid.taken"), workspaceID: 1, on: db) { try Self.store("taken back", in: 3, db: db) }
      try db.deleteInboundMessageRow(taken, workspaceID: 1, inboundID: InboundID("wamid.taken"), in: index)
      #expect(try db.messages(chatID: 3, before: nil, limit: 10).map(\.text) == ["first"])
      try Self.store("second", in: 3, db: db)
      #expect(try db.messages(chatID: 3, before: nil, limit: 10).map(\.text) == ["second", "first"])
      // The one message of a chat taken back leaves it without any.
      let only = try Self.store("only", in: 4, db: db)
      try db.deleteInboundMessageRow(only, workspaceID: 1, inboundID: InboundID("wamid.none"), in: index)
      #expect(try db.messages(chatID: 4, before: nil, limit: 10).isEmpty)
      #expect(try db.fetchOne("SELECT last_message_id FROM chats WHERE id = 4") { try $0.int64(0) } == 0)
    }
  }

  @Test func pendingRepliesAreFoundAmongTheChatsMessagesOldestFirst() throws {
    try withDatabaseFile("links-pending") { path in
      let db = try Self.twoChats(path)
      #expect(try db.pendingOutbound(chatID: 3, workspaceID: 1).isEmpty)
      let early = try Self.store("early reply", in: 3, db: db, bot: true)
      try Self.store("other chat's reply", in: 4, db: db, bot: true)
      for number in 1...20 {
        try Self.store("hello \(number)", in: 3, db: db)
        let reply = try Self.store("reply \(number)", in: 3, db: db, bot: true)
        // Delivered, all but the last two.
        if number < 19 { try db.execute("UPDATE messages SET status = 2 WHERE id = ?", [reply]) }
      }
      #expect(try db.pendingOutbound(chatID: 3, workspaceID: 1).map(\.text) == ["early reply", "reply 19", "reply 20"])
      #expect(try db.pendingOutbound(chatID: 4, workspaceID: 1).map(\.text) == ["other chat's reply"])
      try db.execute("UPDATE messages SET status = 2 WHERE id = ?", [early])
      #expect(try db.pendingOutbound(chatID: 3, workspaceID: 1).map(\.text) == ["reply 19", "reply 20"])
    }
  }

  /// Schema 11 links every stored message to the one before it in its chat, and each chat to its
  /// newest: lists read after the upgrade are the lists before it, and new messages follow on.
  @Test func version11LinksEveryStoredMessage() throws {
    try withDatabaseFile("links-v11") { path in
      do {
        let old = try Self.twoChats(path, at: 10)
        try old.execute(
          """
          INSERT INTO messages (id, workspace_id, chat_id, direction, sender, text, status, created_at) VALUES
            (10, 1, 3, 1, x'', 'ana 1', 0, 0), (11, 1, 4, 1, x'', 'bia 1', 0, 0), (12, 1, 3, 2, x'', 'ana 2', 1, 0),
            (20, 1, 3, 1, x'', 'ana 3', 0, 0), (21, 1, 4, 1, x'', 'bia 2', 0, 0)
          """)
        try old.execute(
          """
          INSERT INTO contacts (id, workspace_id, wa_user_id, name, created_at, first_seen_at, last_seen_at)
            VALUES (9, 1, '5511999992222', 'Caio', 0, 0, 0);
          INSERT INTO chats (id, workspace_id, contact_id, section, last_message_at, last_inbound_at, preview, version, created_at)
            VALUES (5, 1, 9, 1, 0, 0, '', 1, 0)
          """)
      }
      let db = try SchemaMigrationTests().database(at: StoreSchema.migrations.count, path)
      #expect(try Self.pages(of: 3, size: 2, db: db) == [["ana 3", "ana 2"], ["ana 1"]])
      #expect(try Self.pages(of: 4, size: 10, db: db) == [["bia 2", "bia 1"]])
      #expect(try db.messages(chatID: 5, before: nil, limit: 10).isEmpty)
      #expect(try db.pendingOutbound(chatID: 3, workspaceID: 1).map(\.text) == ["ana 2"])
      try Self.store("ana 4", in: 3, db: db)
      try Self.store("first of 5", in: 5, db: db)
      #expect(try db.messages(chatID: 3, before: nil, limit: 2).map(\.text) == ["ana 4", "ana 3"])
      #expect(try db.messages(chatID: 5, before: nil, limit: 10).map(\.text) == ["first of 5"])
      #expect(try db.fetchAll("PRAGMA index_list(messages)") { try $0.string(1) }.contains("messages_by_chat") == false)
    }
  }
}

@testable import ChatService
import SwitchboardSQLite
import Testing

/// A chat's events are read from the watch log block by block (`events_by_chat_block`, keyed by
/// `sequence >> 14` first): every event of the chat after a sequence, in order, however many
/// blocks lie between them and whether or not some hold none of its events.
@Suite(.timeLimit(.minutes(1)))
struct WatchLogBlockTests {
  /// A database at the newest schema whose log holds, for chats 3 and 4 of workspace 1 and chat
  /// 9 of workspace 2, events at sequences on both sides of block boundaries (16,384 a block),
  /// with whole blocks (2, 4 and 5) holding none of chat 3's.
  static func log(_ db: SQLiteConnection) throws {
    try db.execute(
      """
      INSERT INTO events (sequence, workspace_id, chat_id, message_id, kind) VALUES
        (1, 1, 3, 50, 1), (16383, 1, 3, NULL, 1), (16384, 1, 3, 51, 1), (16385, 1, 4, 52, 1),
        (40000, 2, 9, NULL, 1), (50000, 1, 3, 53, 1), (50001, 1, 3, NULL, 2), (50002, 1, 4, 54, 1),
        (98305, 1, 3, 55, 1)
      """)
  }

  @Test func aChatsEventsAreReadAcrossBlocksInOrderAndOnlyItsOwn() throws {
    try withDatabaseFile("log-blocks") { path in
      let db = try SchemaMigrationTests().database(at: StoreSchema.migrations.count, path)
      try Self.log(db)
      func chat(_ id: Int64, after: Int64, limit: Int = 100) throws -> [Int64] {
        try db.events(workspaceID: 1, chatID: id, after: after, limit: limit).map(\.sequence)
      }

      #expect(try chat(3, after: 0) == [1, 16383, 16384, 50000, 50001, 98305])
      #expect(try chat(3, after: 16383) == [16384, 50000, 50001, 98305])
      #expect(try chat(3, after: 50001) == [98305])
      #expect(try chat(3, after: 98305) == [])
      // Past the newest there is nothing, however far (no block arithmetic overflows).
      #expect(try chat(3, after: .max) == [])
      #expect(try chat(4, after: 0) == [16385, 50002])
      #expect(try chat(9, after: 0) == [40000])
      // The page size holds across blocks: a page ends where the limit is reached, and the
      // next starts after it.
      #expect(try chat(3, after: 1, limit: 2) == [16383, 16384])
      #expect(try chat(3, after: 16384, limit: 2) == [50000, 50001])

      let logged = try db.events(workspaceID: 1, chatID: 3, after: 0, limit: 100)
      #expect(logged.map(\.messageID) == [50, nil, 51, 53, nil, 55])
      #expect(logged.map(\.kind.rawValue) == [1, 1, 1, 1, 2, 1])
      // A workspace's events are read in one range, as before.
      #expect(try db.events(workspaceID: 1, chatID: nil, after: 0, limit: 100).map(\.sequence)
        == [1, 16383, 16384, 16385, 50000, 50001, 50002, 98305])
    }
  }

  @Test func version9IndexesTheLogByBlockAndReplaysAChatAsBefore() throws {
    try withDatabaseFile("log-blocks-migration") { path in
      do {
        let old = try SchemaMigrationTests().database(at: 8, path)
        try Self.log(old)
      }
      let db = try SchemaMigrationTests().database(at: StoreSchema.migrations.count, path)
      let indexes = try db.fetchAll("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' ORDER BY name") {
        try $0.string(0)
      }
      #expect(indexes == ["events_by_chat_block", "events_by_workspace"])
      #expect(try db.events(workspaceID: 1, chatID: 3, after: 0, limit: 100).map(\.sequence)
        == [1, 16383, 16384, 50000, 50001, 98305])
    }
  }
}

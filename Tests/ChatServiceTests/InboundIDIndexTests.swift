@testable import ChatService
import Foundation
import SwitchboardChatClient
import SwitchboardSQLite
import Testing

/// The idempotency table is keyed by block of message ids, and unique only within a block: the
/// index must still find an id stored any number of blocks ago, after a restart as well, and its
/// filters may answer "maybe" but never "no" for a stored id.
@Suite(.timeLimit(.minutes(1)))
struct InboundIDIndexTests {
  /// Makes the next message id the first of `block`, as if that many messages came between:
  /// a filler message in chat `chatID`, linked as the desk links its messages.
  @discardableResult
  static func jump(to block: Int64, in db: SQLiteConnection, chatID: Int64 = 3) throws -> Int64 {
    let id = block << Int64(InboundIDIndex.blockBits) - 1
    try db.execute(
      """
      INSERT INTO messages (id, workspace_id, chat_id, direction, sender, text, status, created_at, previous_id)
      VALUES (?, 1, ?, 2, x'', 'filler', 2, 0, (SELECT nullif(last_message_id, 0) FROM chats WHERE id = ?))
      """,
      [id, chatID, chatID])
    try db.execute("UPDATE chats SET last_message_id = ? WHERE id = ?", [id, chatID])
    return id
  }

  @Test func anIDStoredBlocksAgoIsStillRecognised() throws {
    try withDatabaseFile("inbound-blocks") { path in
      let db = try InboundIDMigrationTests.acme(path)
      let index = InboundIDIndex()
      var stored: [String: Int64] = [:]
      for (block, waMessageID) in [(0, "wamid.A"), (1, "wamid.B"), (5, "wamid.C"), (6, "wamid.D")] as [(Int64, String)] {
        if block > 0 { try Self.jump(to: block, in: db) }
        stored[waMessageID] = try InboundIDMigrationTests.storeInbound(waMessageID, in: db, index: index)
      }
      let blocks = try db.fetchAll("SELECT block, message_id FROM inbound_ids ORDER BY message_id") { [try $0.int64(0), try $0.int64(1)] }
      #expect(blocks.map { $0[0] } == [0, 1, 5, 6])

      // Each is refused again, naming the message it is, by this index and by one that reads
      // the table afresh (a restart).
      for fresh in [false, true] {
        let index = fresh ? InboundIDIndex() : index
        for (waMessageID, messageID) in stored {
          let taken = try #require(throws: InboundIDTaken.self) { try InboundIDMigrationTests.storeInbound(waMessageID, in: db, index: index) }
          #expect(taken.messageID == messageID)
          #expect(try db.inboundMessage(InboundID(waMessageID), workspaceID: 1, in: index)?.id == messageID.idString)
        }
        #expect(try db.inboundMessage(InboundID("wamid.new"), workspaceID: 1, in: index) == nil)
      }
      // Nothing of the refused attempts remains.
      #expect(try db.fetchOne("SELECT count(*) FROM messages WHERE direction = 1") { try $0.int(0) } == 4)
      #expect(try db.fetchOne("SELECT count(*) FROM inbound_ids") { try $0.int(0) } == 4)
    }
  }

  @Test func fullFiltersHandOverToLargerOnesAndForgetNothing() throws {
    try withDatabaseFile("inbound-filters") { path in
      let db = try InboundIDMigrationTests.acme(path)
      let index = InboundIDIndex(minimumCapacity: 16)
      var stored: [(String, Int64)] = []
      for number in 0..<200 {
        // A block every 50 messages, so the filters cover runs of several blocks.
        if number > 0, number % 50 == 0 { try Self.jump(to: Int64(number / 50) * 2, in: db) }
        let waMessageID = "wamid.\(number)"
        stored.append((waMessageID, try InboundIDMigrationTests.storeInbound(waMessageID, in: db, index: index)))
      }
      // 16 + 32 + 64 + 128 keys: the first filter (sized from the empty table) and three more.
      #expect(index.filterCounts == (filters: 4, keys: 200))
      for (waMessageID, messageID) in stored {
        let taken = try #require(throws: InboundIDTaken.self) { try InboundIDMigrationTests.storeInbound(waMessageID, in: db, index: index) }
        #expect(taken.messageID == messageID)
      }
      for number in 200..<400 {
        #expect(try db.inboundMessage(InboundID("wamid.\(number)"), workspaceID: 1, in: index) == nil)
      }
      // Another workspace's id with the same text is another message.
      #expect(try index.messageID(of: InboundID("wamid.0"), workspaceID: 2, on: db) == nil)
    }
  }

  /// The filters must see every claim, so they are the writer's: filled from a reader's
  /// snapshot they could miss an id the writer stored meanwhile.
  @Test func theIndexRefusesAReader() throws {
    try withDatabaseFile("inbound-reader") { path in
      let db = try InboundIDMigrationTests.acme(path)
      try InboundIDMigrationTests.storeInbound("wamid.A", in: db, index: InboundIDIndex())
      let reader = try SQLiteConnection(path: path, readOnly: true)
      let error = try #require(throws: ServiceError.self) {
        try reader.inboundMessage(InboundID("wamid.A"), workspaceID: 1, in: InboundIDIndex())
      }
      #expect(error.code == .internal)
    }
  }

  /// Schema 10 moves every claim to its message's block: a retry after the upgrade is still
  /// recognised, whichever block its message is in.
  @Test func version10KeysEveryStoredClaimByItsBlock() throws {
    try withDatabaseFile("inbound-v10") { path in
      let ids: [(Int64, String)] = [(10, "wamid.A"), (300_000, "wamid.B"), (600_000, "wamid.C")]
      do {
        let old = try InboundIDMigrationTests.acme(path, at: 9)
        for (id, waMessageID) in ids {
          try old.execute(
            "INSERT INTO messages (id, workspace_id, chat_id, direction, sender, text, wa_message_id, status, created_at) VALUES (?, 1, 3, 1, x'', 'hello', ?, 0, 0)",
            [id, waMessageID])
          try old.execute(
            "INSERT INTO inbound_ids (workspace_id, digest, message_id) VALUES (1, ?, ?)", [InboundIDDigest.of(waMessageID), id])
        }
      }
      let db = try SchemaMigrationTests().database(at: StoreSchema.migrations.count, path)
      let rows = try db.fetchAll("SELECT block, message_id FROM inbound_ids ORDER BY message_id") { [try $0.int64(0), try $0.int64(1)] }
      #expect(rows == [[0, 10], [1, 300_000], [2, 600_000]])
      let index = InboundIDIndex()
      for (id, waMessageID) in ids {
        #expect(try db.inboundMessage(InboundID(waMessageID), workspaceID: 1, in: index)?.id == id.idString)
      }
      #expect(throws: InboundIDTaken.self) { try InboundIDMigrationTests.storeInbound("wamid.B", in: db, index: index) }
    }
  }
}

/// The filter's promise: never "no" for a key it holds, and "maybe" for few it does not.
@Suite struct DigestFilterTests {
  private static func key(_ number: Int, workspace: Int64 = 1) -> DigestFilter.Key {
    DigestFilter.Key(workspaceID: workspace, digest: InboundIDDigest.of("wamid.\(number)"))
  }

  @Test func itHoldsEveryKeyAndFewOthers() {
    var filter = DigestFilter(capacity: 20_000)
    for number in 0..<20_000 { filter.insert(Self.key(number)) }
    #expect(filter.isFull)
    #expect((0..<20_000).allSatisfy { filter.mayContain(Self.key($0)) })
    let wrong = (20_000..<60_000).filter { filter.mayContain(Self.key($0)) }.count
    // About one in a thousand at capacity; five in a thousand would mean a broken hash.
    #expect(wrong < 200, "\(wrong) of 40,000 absent keys answered maybe")
  }

  @Test func aWorkspacesKeysAreNotAnothers() {
    var filter = DigestFilter(capacity: 10_000)
    for number in 0..<10_000 { filter.insert(Self.key(number, workspace: 1)) }
    #expect(Self.key(1, workspace: 1) != Self.key(1, workspace: 2))
    let wrong = (0..<10_000).filter { filter.mayContain(Self.key($0, workspace: 2)) }.count
    #expect(wrong < 50, "\(wrong) of workspace 2's 10,000 keys answered maybe")
  }
}

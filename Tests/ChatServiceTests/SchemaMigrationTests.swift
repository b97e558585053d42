@testable import ChatService
import Foundation
import SwitchboardChatClient
import SwitchboardSQLite
import Testing

/// Runs `body` with the path of a new database file, named after `name`, and deletes the file
/// and its log afterwards.
func withDatabaseFile<T>(_ name: String, _ body: (String) throws -> T) throws -> T {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID()).sqlite").path
  defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
  return try body(path)
}

/// A database written by an earlier schema keeps what callers rely on after it is migrated.
@Suite(.timeLimit(.minutes(1)))
struct SchemaMigrationTests {
  /// Opens a fresh file at `version` of the schema.
  func database(at version: Int, _ path: String) throws -> SQLiteConnection {
    let db = try SQLiteConnection(path: path)
    _ = try StoreSchema.migrator(upTo: version).migrate(db)
    return db
  }

  @Test func version2KeepsPendingOutboxItemsMessageCountsAndTheWatchLogsOrder() throws {
    try withDatabaseFile("migration") { path in
      do {
        let old = try database(at: 1, path)
        try old.execute(
          """
          INSERT INTO workspaces (id, name, created_at, history_after_ms, service_window_ms, intervene_target_ms)
            VALUES (1, 'Acme', 0, 86400000, 86400000, 0);
          INSERT INTO contacts (id, workspace_id, wa_user_id, name, created_at, first_seen_at, last_seen_at, message_count)
            VALUES (7, 1, '5511999990000', 'Ana', 0, 0, 0, 5);
          INSERT INTO chats (id, workspace_id, contact_id, section, last_message_at, last_inbound_at, preview, version, created_at)
            VALUES (3, 1, 7, 1, 0, 0, 'hi', 4, 0);
          INSERT INTO messages (id, workspace_id, chat_id, direction, sender, text, status, created_at)
            VALUES (10, 1, 3, 2, x'', 'sent already', 2, 0), (11, 1, 3, 2, x'', 'still pending', 1, 0);
          INSERT INTO outbox (workspace_id, message_id) VALUES (1, 10), (1, 11);
          INSERT INTO events (workspace_id, chat_id, message_id, kind) VALUES (1, 3, 10, 1), (1, 3, 11, 1)
          """)
      }
      let db = try database(at: StoreSchema.migrations.count, path)

      // The outbox is what is still pending, now numbered by message id.
      let outbox = try db.outbox(workspaceID: 1, after: 0, limit: 10)
      #expect(outbox.map(\.sequence) == [11])
      #expect(outbox.first?.message?.text == "still pending")
      #expect(outbox.first?.waUserID == "5511999990000")
      #expect(try db.outbox(workspaceID: 1, after: 11, limit: 10).isEmpty)

      // The contact's message count moved to its chat and reads the same.
      #expect(try db.contact(7, workspaceID: 1)?.messageCount == 5)
      #expect(try db.chat(3, workspaceID: 1)?.messageCount == 5)

      // The watch log goes on after its last sequence.
      let next = try db.appendEvent(workspaceID: 1, chatID: 3, messageID: nil, kind: .chatUpdated)
      #expect(next.sequence == 3)
      #expect(try db.events(workspaceID: 1, chatID: nil, after: 0, limit: 10).map(\.sequence) == [1, 2, 3])
    }
  }

  @Test func aContactsVersionMovesWithEveryChangeABotReadsAndOnlyThen() throws {
    try withDatabaseFile("versions") { path in
      let db = try database(at: StoreSchema.migrations.count, path)
      try db.execute(
        """
        INSERT INTO workspaces (id, name, created_at, history_after_ms, service_window_ms, intervene_target_ms)
          VALUES (1, 'Acme', 0, 86400000, 86400000, 0);
        INSERT INTO contacts (id, workspace_id, wa_user_id, name, created_at, first_seen_at, last_seen_at)
          VALUES (7, 1, '5511999990000', 'Ana', 0, 0, 0), (8, 1, '5511999990001', 'Bia', 0, 0, 0);
        INSERT INTO tags (id, workspace_id, name, name_key, created_at) VALUES (1, 1, 'vip', 'vip', 0)
        """)
      var last = try #require(try db.fetchOne("SELECT version FROM contacts WHERE id = 7") { try $0.int64(0) })
      /// Runs `sql` and expects contact 7's version to have moved (or not).
      func expect(_ sql: String, moves: Bool, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try db.execute(sql)
        let now = try #require(try db.fetchOne("SELECT version FROM contacts WHERE id = 7") { try $0.int64(0) })
        #expect((now != last) == moves, "\(sql)", sourceLocation: sourceLocation)
        last = now
      }
      try expect("UPDATE contacts SET name = 'Ana Maria' WHERE id = 7", moves: true)
      try expect("UPDATE contacts SET email = 'ana@example.com', phone = '+5511' WHERE id = 7", moves: true)
      try expect("INSERT INTO attributes (contact_id, workspace_id, key, value) VALUES (7, 1, 'city', 'Recife')", moves: true)
      try expect(
        "INSERT INTO attributes (contact_id, workspace_id, key, value) VALUES (7, 1, 'city', 'Natal') ON CONFLICT (contact_id, key) DO UPDATE SET value = excluded.value",
        moves: true)
      try expect("DELETE FROM attributes WHERE contact_id = 7", moves: true)
      try expect("INSERT INTO contact_tags (contact_id, tag_id, kind, actor, added_at) VALUES (7, 1, 1, x'', 0)", moves: true)
      try expect("UPDATE tags SET name = 'VIP client' WHERE id = 1", moves: true)
      try expect("DELETE FROM contact_tags WHERE contact_id = 7", moves: true)
      try expect("UPDATE contacts SET last_seen_at = 99, intervention_count = 3 WHERE id = 7", moves: false)
      try expect("INSERT INTO attributes (contact_id, workspace_id, key, value) VALUES (8, 1, 'city', 'Recife')", moves: false)
      try expect("UPDATE tags SET name = 'gold' WHERE id = 1", moves: false)
    }
  }
}

/// Schema 8 moved inbound idempotency from an index of WhatsApp's ids to a table of their
/// digests: every inbound message stored before is claimed by its id in the new table, so a
/// retried delivery after the upgrade is still recognised.
@Suite(.timeLimit(.minutes(1)))
struct InboundIDMigrationTests {
  @Test func version8ClaimsEveryStoredInboundIDAndOnlyThose() throws {
    try withDatabaseFile("inbound-ids") { path in
      do {
        let old = try SchemaMigrationTests().database(at: 7, path)
        try old.execute(
          """
          INSERT INTO workspaces (id, name, created_at, history_after_ms, service_window_ms, intervene_target_ms)
            VALUES (1, 'Acme', 0, 86400000, 86400000, 0), (2, 'Globex', 0, 86400000, 86400000, 0);
          INSERT INTO contacts (id, workspace_id, wa_user_id, name, created_at, first_seen_at, last_seen_at)
            VALUES (7, 1, '5511999990000', 'Ana', 0, 0, 0), (8, 2, '5511999990000', 'Ana', 0, 0, 0);
          INSERT INTO chats (id, workspace_id, contact_id, section, last_message_at, last_inbound_at, preview, version, created_at)
            VALUES (3, 1, 7, 1, 0, 0, 'hi', 1, 0), (4, 2, 8, 1, 0, 0, 'hi', 1, 0);
          INSERT INTO messages (id, workspace_id, chat_id, direction, sender, text, wa_message_id, status, created_at)
            VALUES (10, 1, 3, 1, x'', 'hello', 'wamid.A', 0, 0), (11, 1, 3, 2, x'', 'hi!', 'wamid.sent', 2, 0),
                   (12, 1, 3, 1, x'', 'there?', 'wamid.B', 0, 0), (13, 2, 4, 1, x'', 'hello', 'wamid.A', 0, 0)
          """)
      }
      let db = try SchemaMigrationTests().database(at: StoreSchema.migrations.count, path)

      let claims = try db.fetchAll("SELECT workspace_id, digest, message_id FROM inbound_ids ORDER BY message_id") {
        [try $0.int64(0), try $0.bytes(1), try $0.int64(2)] as [AnyHashable]
      }
      #expect(claims == [
        [1, InboundIDDigest.of("wamid.A"), 10], [1, InboundIDDigest.of("wamid.B"), 12], [2, InboundIDDigest.of("wamid.A"), 13],
      ] as [[AnyHashable]])
      let index = InboundIDIndex()
      #expect(try db.inboundMessage(InboundID("wamid.A"), workspaceID: 1, in: index)?.id == "10")
      #expect(try db.inboundMessage(InboundID("wamid.A"), workspaceID: 2, in: index)?.id == "13")
      #expect(try db.inboundMessage(InboundID("wamid.sent"), workspaceID: 1, in: index) == nil)

      // An id claimed before the upgrade is refused again, and the refused row is not kept.
      #expect(throws: InboundIDTaken.self) { try Self.storeInbound("wamid.B", in: db, index: index) }
      #expect(try db.fetchOne("SELECT count(*) FROM messages") { try $0.int(0) } == 4)
    }
  }

  /// A database at schema `version` (the newest by default) with workspace 1, its contact 7
  /// and their chat 3.
  static func acme(_ path: String, at version: Int = StoreSchema.migrations.count) throws -> SQLiteConnection {
    let db = try SchemaMigrationTests().database(at: version, path)
    try db.execute(
      """
      INSERT INTO workspaces (id, name, created_at, history_after_ms, service_window_ms, intervene_target_ms)
        VALUES (1, 'Acme', 0, 86400000, 86400000, 0);
      INSERT INTO contacts (id, workspace_id, wa_user_id, name, created_at, first_seen_at, last_seen_at)
        VALUES (7, 1, '5511999990000', 'Ana', 0, 0, 0);
      INSERT INTO chats (id, workspace_id, contact_id, section, last_message_at, last_inbound_at, preview, version, created_at)
        VALUES (3, 1, 7, 1, 0, 0, 'hi', 1, 0)
      """)
    return db
  }

  /// Stores an inbound message with WhatsApp id `waMessageID` in chat 3, as the inbound path does.
  @discardableResult
  static func storeInbound(_ waMessageID: String, in db: SQLiteConnection, index: InboundIDIndex) throws -> Int64 {
    try index.claim(InboundID(waMessageID), workspaceID: 1, on: db) {
      try db.insertMessageRow(
        workspaceID: 1, chatID: 3, direction: .inbound, sender: SwitchboardChatClient.Actor(kind: .contact), text: "hello",
        waMessageID: waMessageID, status: .unspecified, now: 1)
    }
  }

  @Test func aMessageTakenBackGivesItsIDBack() throws {
    try withDatabaseFile("inbound-withdrawn") { path in
      let db = try Self.acme(path)
      let index = InboundIDIndex()
      func store() throws -> Int64 { try Self.storeInbound("wamid.A", in: db, index: index) }
      // The inbound path takes a message back when its chat moved on meanwhile, and then
      // stores it again on the writer.
      let first = try store()
      try db.deleteInboundMessageRow(first, workspaceID: 1, inboundID: InboundID("wamid.A"), in: index)
      #expect(try db.inboundMessage(InboundID("wamid.A"), workspaceID: 1, in: index) == nil)
      let second = try store()
      #expect(try db.inboundMessage(InboundID("wamid.A"), workspaceID: 1, in: index)?.id == second.idString)
      #expect(try db.fetchOne("SELECT count(*) FROM messages") { try $0.int(0) } == 1)
    }
  }

  @Test func anIDWhoseDigestAnotherHoldsIsRefusedNotTakenForARetry() throws {
    try withDatabaseFile("inbound-collision") { path in
      let db = try Self.acme(path)
      let stored = try Self.storeInbound("wamid.A", in: db, index: InboundIDIndex())
      // As if wamid.C had the digest of wamid.A: no such pair is known, so the claim is forged
      // (before the index reads the table, so its filters hold it too).
      try db.execute(
        "INSERT INTO inbound_ids (block, workspace_id, digest, message_id) VALUES (0, 1, ?, ?)",
        [InboundIDDigest.of("wamid.C"), stored])
      let error = try #require(throws: ServiceError.self) {
        try db.inboundMessage(InboundID("wamid.C"), workspaceID: 1, in: InboundIDIndex())
      }
      #expect(error.code == .internal)
      #expect(error.message.contains("wamid.C") && error.message.contains("wamid.A"), "\(error.message)")
    }
  }
}

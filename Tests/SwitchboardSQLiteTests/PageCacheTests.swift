import Foundation
import SwitchboardSQLite
import Testing

/// Connections use SQLite's page cache through a wrapper that skips the truncations that
/// cannot drop a page (CSQLitePageCache). What must hold: commits that split pages skip
/// them, and a rollback that leaves pages past the end of the database still truncates.
/// (In WAL mode SQLite also drops a rolled-back transaction's pages and zeroes the new pages
/// it grows into, so the content checks below guard the whole, and the counts the wrapper.)
@Suite(.timeLimit(.minutes(1)))
struct PageCacheTests {
  struct Rejected: Error {}

  func integrity(_ db: SQLiteConnection) throws -> String? {
    try db.fetchOne("PRAGMA integrity_check") { try $0.string(0) }
  }

  /// Rows with a random key, so inserts split pages all over the index (the balancing that
  /// moves pages through the lock-byte page's number), and a body that fills pages fast.
  func insertItems(_ db: SQLiteConnection, count: Int, tag: Int) throws {
    for _ in 0..<count {
      try db.execute(
        "INSERT INTO items (key, tag, body) VALUES (?, ?, ?)",
        [Int64.random(in: 0..<Int64.max), tag, [UInt8](repeating: UInt8(tag & 0xff), count: 300)])
    }
  }

  func makeItems(_ db: SQLiteConnection) throws {
    try db.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, key INTEGER NOT NULL, tag INTEGER NOT NULL, body BLOB NOT NULL)")
    try db.execute("CREATE INDEX items_by_key ON items (key)")
  }

  @Test func commitsThatSplitPagesSkipTheTruncation() async throws {
    try await withTemporaryDatabasePath { path in
      let db = try SQLiteConnection(path: path)
      try makeItems(db)
      // Counted on this thread, around work with no suspension point: this connection's alone.
      let before = SQLiteConnection.pageCacheCounts
      for round in 0..<40 {
        try db.transaction { db in try insertItems(db, count: 50, tag: round) }
      }
      let after = SQLiteConnection.pageCacheCounts
      // Balancing moved pages through the lock-byte page's number, and yet every commit's
      // truncation at the end of the database, where nothing lies, was skipped.
      #expect(after.temporaryKeys > before.temporaryKeys)
      #expect(after.truncations - before.truncations >= 40)
      #expect(after.skipped - before.skipped == after.truncations - before.truncations)
      #expect(try integrity(db) == "ok")
      #expect(try db.fetchOne("SELECT count(*) FROM items") { try $0.int(0) } == 2_000)
    }
  }

  @Test func aRolledBackGrowthLeavesNoStalePageForTheNextOne() async throws {
    try await withTemporaryDatabasePath { path in
      let db = try SQLiteConnection(path: path)
      try makeItems(db)
      try db.transaction { db in try insertItems(db, count: 200, tag: 1) }
      let pagesBefore = try db.fetchOne("PRAGMA page_count") { try $0.int(0) } ?? 0
      let before = SQLiteConnection.pageCacheCounts
      // A transaction that grows the file by hundreds of pages, then fails: its pages stay in
      // the cache past the end of the database unless the truncation runs.
      #expect(throws: Rejected.self) {
        try db.transaction { db in
          try insertItems(db, count: 2_000, tag: 2)
          throw Rejected()
        }
      }
      #expect(try db.fetchOne("PRAGMA page_count") { try $0.int(0) } == pagesBefore)
      let after = SQLiteConnection.pageCacheCounts
      #expect(after.truncations - after.skipped > before.truncations - before.skipped, "the rollback's truncation ran")
      // A savepoint rolled back inside a transaction that then commits, likewise.
      try db.transaction { db in
        #expect(throws: Rejected.self) {
          try db.savepoint { db in
            try insertItems(db, count: 1_000, tag: 3)
            throw Rejected()
          }
        }
        try insertItems(db, count: 10, tag: 4)
      }
      // The database grows into the same page numbers with other content. A stale page
      // would show as a corrupt b-tree or as rows of the rolled-back tags.
      try db.transaction { db in try insertItems(db, count: 2_000, tag: 5) }
      #expect(try integrity(db) == "ok")
      let tags = try db.fetchAll("SELECT tag, count(*) FROM items GROUP BY tag ORDER BY tag") {
        [try $0.int(0), try $0.int(1)]
      }
      #expect(tags == [[1, 200], [4, 10], [5, 2_000]])
      let reopened = try SQLiteConnection(path: path, readOnly: true)
      #expect(try reopened.fetchOne("SELECT count(*) FROM items WHERE tag IN (2, 3)") { try $0.int(0) } == 0)
      #expect(try integrity(reopened) == "ok")
    }
  }
}

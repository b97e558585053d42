import Foundation
import SwitchboardSQLite
import Testing

/// Connections gather each commit's WAL frames into a few large writes (CSQLiteLogBuffer).
/// What must not change: a commit is in the files when it returns, for readers at once and
/// for a process that dies right after (the copy of the files below is what `kill -9`
/// leaves), and large, spilling or rolled-back transactions stay whole or absent.
@Suite(.timeLimit(.minutes(1)))
struct LogBufferTests {
  /// Opens the writer's files as a process started after a crash would: copies of the
  /// database and its WAL as they are now (the shared index is rebuilt from the WAL).
  func reopenedCopy(of path: String, in directory: String) throws -> SQLiteConnection {
    let copy = directory + "/copy.sqlite"
    try FileManager.default.copyItem(atPath: path, toPath: copy)
    try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
    return try SQLiteConnection(path: copy)
  }

  func integrity(_ db: SQLiteConnection) throws -> String? {
    try db.fetchOne("PRAGMA integrity_check") { try $0.string(0) }
  }

  func rowCount(_ db: SQLiteConnection) throws -> Int {
    try db.fetchOne("SELECT count(*) FROM items") { try $0.int(0) } ?? -1
  }

  func createItems(_ db: SQLiteConnection) throws {
    try db.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, mark INTEGER NOT NULL DEFAULT 0, body BLOB NOT NULL)")
  }

  @Test func aCommitReachesTheFileInAFewWritesAndReadersSeeItAtOnce() async throws {
    try await withTemporaryDatabasePath { path in
      let writer = try SQLiteConnection(path: path)
      try createItems(writer)
      let reader = try SQLiteConnection(path: path, readOnly: true)
      let before = writer.logWrites
      try writer.transaction { _ in
        for _ in 0..<300 { try writer.execute("INSERT INTO items (body) VALUES (?)", [[UInt8](repeating: 7, count: 1000)]) }
      }
      let after = writer.logWrites
      // Each page is two frame writes (header, page); the commit reaches the file in one go.
      #expect(after.frameWrites - before.frameWrites >= 150)
      #expect(after.flushes - before.flushes == 1)
      #expect(try rowCount(reader) == 300)

      let copy = try reopenedCopy(of: path, in: (path as NSString).deletingLastPathComponent)
      #expect(try integrity(copy) == "ok")
      #expect(try rowCount(copy) == 300)
    }
  }

  @Test func aTransactionLargerThanTheBufferThatSpillsAndRewritesFramesCommitsWhole() async throws {
    try await withTemporaryDatabasePath { path in
      let writer = try SQLiteConnection(path: path)
      try createItems(writer)
      // A cache of 20 pages spills to the WAL in the middle of the transaction; changing the
      // first rows again afterwards rewrites frames written earlier in the same transaction.
      try writer.execute("PRAGMA cache_size = 20")
      let reader = try SQLiteConnection(path: path, readOnly: true)
      try writer.transaction { _ in
        for _ in 0..<2_000 { try writer.execute("INSERT INTO items (body) VALUES (?)", [[UInt8](repeating: 1, count: 3_000)]) }
        try writer.execute("UPDATE items SET mark = 1 WHERE id <= 100")
      }
      #expect(writer.logWrites.flushes > 1)  // six megabytes: more than one buffer
      let marks = "SELECT sum(mark) FROM items"
      #expect(try rowCount(reader) == 2_000)
      #expect(try reader.fetchOne(marks) { try $0.int(0) } == 100)

      let copy = try reopenedCopy(of: path, in: (path as NSString).deletingLastPathComponent)
      #expect(try integrity(copy) == "ok")
      #expect(try rowCount(copy) == 2_000)
      #expect(try copy.fetchOne(marks) { try $0.int(0) } == 100)
    }
  }

  @Test func aRolledBackTransactionLeavesNothingAndTheNextCommitLands() async throws {
    try await withTemporaryDatabasePath { path in
      let writer = try SQLiteConnection(path: path)
      try createItems(writer)
      try writer.execute("INSERT INTO items (body) VALUES (x'01')")
      try writer.execute("PRAGMA cache_size = 20")
      struct Abandon: Error {}
      #expect(throws: Abandon.self) {
        try writer.transaction { _ in
          for _ in 0..<500 { try writer.execute("INSERT INTO items (body) VALUES (?)", [[UInt8](repeating: 2, count: 3_000)]) }
          throw Abandon()
        }
      }
      try writer.execute("INSERT INTO items (body) VALUES (x'03')")
      let reader = try SQLiteConnection(path: path, readOnly: true)
      #expect(try rowCount(reader) == 2)

      let copy = try reopenedCopy(of: path, in: (path as NSString).deletingLastPathComponent)
      #expect(try integrity(copy) == "ok")
      #expect(try copy.fetchAll("SELECT hex(body) FROM items ORDER BY id") { try $0.string(0) } == ["01", "03"])
    }
  }
}

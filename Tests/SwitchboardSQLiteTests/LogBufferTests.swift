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

  /// Readers and the checkpointer work beside a writer committing through the buffer: every
  /// snapshot a reader takes is a whole commit (money moved between accounts never appears
  /// twice or vanishes), and the files stay sound.
  @Test func readersAndTheCheckpointerOnlyEverSeeWholeCommits() async throws {
    try await withTemporaryDatabasePath { path in
      var schema = Migrator()
      schema.register(version: 1, name: "accounts") { db in
        try db.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)")
        try db.execute("CREATE TABLE filler (body BLOB NOT NULL)")
        for id in 1...10 { try db.execute("INSERT INTO accounts (id, balance) VALUES (?, 100)", [id]) }
      }
      let database = try SQLiteDatabase(path: path, migrator: schema, readerCount: 2)
      let total = "SELECT sum(balance), count(*) FROM accounts"
      let readers = Task {
        var snapshots = 0
        while !Task.isCancelled {
          let snapshot: (sum: Int, count: Int)?
          do {
            snapshot = try await database.read { db in try db.fetchOne(total) { (try $0.int(0), try $0.int(1)) } }
          } catch is CancellationError {
            break  // the writers are done: a read cut short by that is no finding
          }
          #expect(snapshot?.sum == 1_000 && snapshot?.count == 10)
          snapshots += 1
        }
        return snapshots
      }
      try await withThrowingTaskGroup(of: Void.self) { group in
        for writer in 0..<8 {
          group.addTask {
            for step in 0..<60 {
              try await database.write { db in
                let (from, to) = (Int64((writer + step) % 10 + 1), Int64((writer * 3 + step) % 10 + 1))
                try db.execute("UPDATE accounts SET balance = balance - 7 WHERE id = ?", [from])
                try db.execute("UPDATE accounts SET balance = balance + 7 WHERE id = ?", [to])
                // Pages enough for commits of many frames, now and then more than the buffer.
                let size = step % 20 == 0 ? 600_000 : 3_000
                try db.execute("INSERT INTO filler (body) VALUES (?)", [[UInt8](repeating: UInt8(step % 251), count: size)])
              }
            }
          }
        }
        try await group.waitForAll()
      }
      readers.cancel()
      #expect(try await readers.value > 0)
      #expect(database.checkpointer.statistics.failures == 0)

      let copy = try reopenedCopy(of: path, in: (path as NSString).deletingLastPathComponent)
      #expect(try integrity(copy) == "ok")
      #expect(try copy.fetchOne(total) { try $0.int(0) } == 1_000)
      #expect(try copy.fetchOne("SELECT count(*) FROM filler") { try $0.int(0) } == 480)
      await database.close()
    }
  }
}

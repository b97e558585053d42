import Foundation
import SwitchboardSQLite
import Testing

@Suite(.timeLimit(.minutes(1)))
struct SQLiteDatabaseTests {
  static let schema: Migrator = {
    var migrator = Migrator()
    migrator.register(version: 1, name: "create items") { db in try createItems(db) }
    migrator.register(version: 2, name: "create notes") { db in
      try db.execute("CREATE TABLE notes (item INTEGER NOT NULL REFERENCES items(id), body TEXT)")
    }
    return migrator
  }()

  @Test func opensMigratesWritesAndReadsAndReopensWithoutMigrating() async throws {
    try await withTemporaryDatabasePath { path in
      let database = try SQLiteDatabase(path: path, migrator: Self.schema, readerCount: 2)
      let id = try await database.write { db in
        try db.execute("INSERT INTO items (key) VALUES ('a')")
        try db.execute("INSERT INTO notes (item, body) VALUES (?, ?)", [db.lastInsertRowID, "hi"])
        return db.lastInsertRowID
      }
      #expect(id == 1)
      let bodies = try await database.read { db in
        try db.fetchAll("SELECT body FROM notes") { try $0.string(0) }
      }
      #expect(bodies == ["hi"])
      // Foreign keys are enforced on the writer.
      let error = await #expect(throws: SQLiteError.self) {
        try await database.write { db in try db.execute("INSERT INTO notes (item) VALUES (99)") }
      }
      #expect(error?.extendedCode == .constraintForeignKey)
      await database.close()

      let reopened = try SQLiteDatabase(path: path, migrator: Self.schema)
      #expect(try await reopened.read { try Migrator.userVersion(of: $0) } == 2)
      #expect(try await reopened.read { try itemCount($0) } == 1)
      await reopened.close()
    }
  }

  /// The writer's and the checkpointer's threads carry names the system shows (`top -H`,
  /// `/proc/PID/task/*/comm`), so an operator can tell them from the others.
  @Test func theWriterAndTheCheckpointerThreadsAreNamed() async throws {
    try await withTemporaryDatabasePath { path in
      let database = try SQLiteDatabase(path: path, migrator: Self.schema, readerCount: 1)
      func threadNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").compactMap { task in
          try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
      }
      // A write has run on the writer's thread, so it has started and named itself; the
      // checkpointer's names itself as it starts, which may take a moment longer.
      try await database.write { db in try db.execute("INSERT INTO items (key) VALUES ('a')") }
      var names = try threadNames()
      for _ in 0..<100 where !names.contains("sb.sqlite.ckpt") {
        try await Task.sleep(for: .milliseconds(10))
        names = try threadNames()
      }
      #expect(names.contains("sb.sqlite.write"), "\(Set(names))")
      #expect(names.contains("sb.sqlite.ckpt"), "\(Set(names))")
      await database.close()
    }
  }

  @Test func theCheckpointerCopiesTheLogIntoTheFileOffTheWritersThread() async throws {
    try await withTemporaryDatabasePath { path in
      let database = try SQLiteDatabase(path: path, migrator: Self.schema, readerCount: 1)
      for batch in 0..<20 {
        try await database.write { db in
          for index in 0..<50 { try db.execute("INSERT INTO items (key) VALUES (?)", ["\(batch).\(index)"]) }
        }
      }
      // The writer's own threshold is far above this log: only the checkpointer copies it.
      let clock = ContinuousClock()
      let deadline = clock.now + .seconds(10)
      var statistics = database.checkpointer.statistics
      while clock.now < deadline, !(statistics.logFrames > 0 && statistics.checkpointedFrames == statistics.logFrames) {
        try await Task.sleep(for: .milliseconds(50))
        statistics = database.checkpointer.statistics
      }
      #expect(statistics.logFrames > 0)
      #expect(statistics.checkpointedFrames == statistics.logFrames)
      #expect(statistics.failures == 0)
      await database.close()
      // Closed: it checkpoints no more.
      let closed = database.checkpointer.statistics.checkpoints
      try await Task.sleep(for: .milliseconds(400))
      #expect(database.checkpointer.statistics.checkpoints == closed)
    }
  }

  /// The writer's own checkpoint, the backstop that rewinds the log, waits for 768 MiB of log
  /// whatever the page size.
  @Test func theWritersBackstopCheckpointComesAtThreeQuartersOfAGibibyteOfLog() async throws {
    try await withTemporaryDatabasePath { path in
      let database = try SQLiteDatabase(path: path, migrator: Self.schema, readerCount: 1)
      let threshold = try await database.write { db in try db.fetchOne("PRAGMA wal_autocheckpoint") { try $0.int(0) } }
      #expect(threshold == (768 << 20) / 2_048)
      await database.close()
    }
  }

  @Test func aDatabaseFromANewerBuildIsRefused() async throws {
    try await withTemporaryDatabasePath { path in
      do {
        let db = try SQLiteConnection(path: path)
        try db.execute("PRAGMA user_version = 3")
      }
      let error = #expect(throws: MigrationError.self) {
        _ = try SQLiteDatabase(path: path, migrator: Self.schema)
      }
      #expect(error.map { "\($0)" }?.contains("schema version 3") == true)
    }
  }

  @Test func anInMemoryDatabaseIsRefused() throws {
    let error = #expect(throws: SQLiteError.self) {
      _ = try SQLiteDatabase(path: ":memory:")
    }
    #expect(error?.code == .misuse)
  }
}

import SwitchboardSQLite
import Testing

@Suite(.timeLimit(.minutes(1)))
struct SQLiteReaderPoolTests {
  /// Runs `body` with a writer and a pool of `count` readers on a fresh file with `items`.
  func withDatabase(
    readers count: Int = 2, _ body: (SQLiteWriter, SQLiteReaderPool) async throws -> Void
  ) async throws {
    try await withTemporaryDatabasePath { path in
      let connection = try SQLiteConnection(path: path)
      try createItems(connection)
      let writer = SQLiteWriter(connection: connection)
      let readers = try SQLiteReaderPool(path: path, count: count)
      do {
        try await body(writer, readers)
      } catch {
        await writer.close()
        await readers.close()
        throw error
      }
      await writer.close()
      await readers.close()
    }
  }

  @Test func readsSeeCommittedRowsAndDoNotWaitForAnOpenWriteTransaction() async throws {
    try await withDatabase { writer, readers in
      try await writer.write { db in try db.execute("INSERT INTO items (key) VALUES ('committed')") }
      let gate = Gate()
      let longWrite = Task {
        try await writer.write { db in
          try db.execute("INSERT INTO items (key) VALUES ('uncommitted')")
          gate.pass()  // holds the write transaction open
        }
      }
      await gate.waitUntilEntered()
      // The writer thread is inside its transaction; a read completes regardless and sees
      // only what was committed.
      let during = try await readers.read { db in
        try db.fetchAll("SELECT key FROM items ORDER BY id") { try $0.string(0) }
      }
      #expect(during == ["committed"])
      gate.open()
      try await longWrite.value
      let after = try await readers.read { db in
        try db.fetchAll("SELECT key FROM items ORDER BY id") { try $0.string(0) }
      }
      #expect(after == ["committed", "uncommitted"])
    }
  }

  @Test func aReadSeesOneSnapshotThroughout() async throws {
    try await withDatabase { writer, readers in
      let gate = Gate()
      let read = Task {
        try await readers.read { db in
          let before = try itemCount(db)
          gate.pass()  // a write commits meanwhile
          return (before, try itemCount(db))
        }
      }
      await gate.waitUntilEntered()
      try await writer.write { db in try db.execute("INSERT INTO items (key) VALUES ('new')") }
      gate.open()
      let (before, after) = try await read.value
      #expect(before == 0)
      #expect(after == 0)
      #expect(try await readers.read { try itemCount($0) } == 1)
    }
  }

  @Test func readsRunConcurrentlyOnSeparateConnections() async throws {
    try await withDatabase(readers: 2) { _, readers in
      let gate = Gate()
      let blocked = Task { try await readers.read { db in gate.pass() } }
      await gate.waitUntilEntered()
      #expect(try await readers.read { try itemCount($0) } == 0)
      gate.open()
      try await blocked.value
    }
  }

  @Test func moreReadsThanConnectionsWaitInLineAndAllComplete() async throws {
    try await withDatabase(readers: 2) { writer, readers in
      try await writer.write { db in try db.execute("INSERT INTO items (key, n) VALUES ('a', 7)") }
      try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<200 {
          group.addTask {
            try await readers.read { db in try db.fetchOne("SELECT n FROM items") { try $0.int(0) } }
              ?? 0
          }
        }
        var total = 0
        for try await n in group { total += n }
        #expect(total == 200 * 7)
      }
    }
  }

  @Test func aReaderCannotWrite() async throws {
    try await withDatabase { _, readers in
      let error = await #expect(throws: SQLiteError.self) {
        try await readers.read { db in try db.execute("INSERT INTO items (key) VALUES ('x')") }
      }
      #expect(error?.code == .readOnly)
    }
  }

  @Test func closeWaitsForRunningReadsThenRefusesNewOnes() async throws {
    try await withDatabase(readers: 1) { _, readers in
      let gate = Gate()
      let running = Task {
        try await readers.read { db in
          gate.pass()
          return try itemCount(db)
        }
      }
      await gate.waitUntilEntered()
      let closeReturned = Flag()
      let closing = Task {
        await readers.close()
        closeReturned.set()
      }
      try await Task.sleep(for: .milliseconds(20))
      #expect(!closeReturned.isSet)
      gate.open()
      await closing.value
      #expect(try await running.value == 0)
      let error = await #expect(throws: SQLiteError.self) {
        try await readers.read { _ in }
      }
      #expect(error?.code == .misuse)
      await readers.close()  // a second close returns at once
    }
  }
}

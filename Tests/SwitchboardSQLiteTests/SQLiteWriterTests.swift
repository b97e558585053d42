import SwitchboardSQLite
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1)))
struct SQLiteWriterTests {
  /// Runs `body` with a writer on a fresh file that has the `items` table, then closes it.
  func withWriter(
    maximumBatchSize: Int = 512, _ body: (SQLiteWriter, String) async throws -> Void
  ) async throws {
    try await withTemporaryDatabasePath { path in
      let connection = try SQLiteConnection(path: path)
      try createItems(connection)
      let writer = SQLiteWriter(connection: connection, maximumBatchSize: maximumBatchSize)
      do {
        try await body(writer, path)
      } catch {
        await writer.close()
        throw error
      }
      await writer.close()
    }
  }

  /// Queues a unit that blocks the writer thread on `gate`, and returns once it is blocked.
  func hold(_ writer: SQLiteWriter, on gate: Gate) async -> Task<Void, any Error> {
    let task = Task { try await writer.write { _ in gate.pass() } }
    await gate.waitUntilEntered()
    return task
  }

  @Test func aWriteReturnsItsResultOnceCommittedForEveryConnectionToSee() async throws {
    try await withWriter { writer, path in
      let id = try await writer.write { db in
        try db.execute("INSERT INTO items (key, n) VALUES (?, ?)", ["a", 42])
        return db.lastInsertRowID
      }
      #expect(id == 1)
      // A new, independent connection sees the row: it is committed to the WAL, which is what
      // survives the process being killed.
      let independent = try SQLiteConnection(path: path, readOnly: true)
      #expect(try independent.fetchOne("SELECT n FROM items WHERE key = 'a'") { try $0.int(0) } == 42)
      let statistics = writer.statistics
      #expect(statistics.commits == 1)
      #expect(statistics.committedWrites == 1)
    }
  }

  @Test func aThousandConcurrentWritesAllCommitInFarFewerTransactions() async throws {
    try await withWriter { writer, path in
      try await withThrowingTaskGroup(of: Int64.self) { group in
        for n in 0..<1_000 {
          group.addTask {
            try await writer.write { db in
              try db.execute("INSERT INTO items (key, n) VALUES (?, ?)", ["k\(n)", n])
              return db.lastInsertRowID
            }
          }
        }
        var ids = Set<Int64>()
        for try await id in group { ids.insert(id) }
        #expect(ids.count == 1_000)
      }
      let statistics = writer.statistics
      #expect(statistics.committedWrites == 1_000)
      #expect(statistics.failedWrites == 0)
      // Left to the scheduler, batches vary (2 to ~100 commits on a loaded 2-core machine);
      // the test below fixes them exactly.
      #expect(statistics.commits <= 500)
      #expect(statistics.largestBatch > 1)
      let independent = try SQLiteConnection(path: path, readOnly: true)
      #expect(try itemCount(independent) == 1_000)
      #expect(try independent.fetchOne("SELECT sum(n) FROM items") { try $0.int(0) } == 499_500)
    }
  }

  @Test func writesQueuedBehindABusyWriterShareOneCommitPerBatch() async throws {
    try await withWriter { writer, _ in
      let gate = Gate()
      let held = await hold(writer, on: gate)
      try await withThrowingTaskGroup(of: Void.self) { group in
        for n in 0..<1_000 {
          group.addTask {
            try await writer.write { db in
              try db.execute("INSERT INTO items (key, n) VALUES (?, ?)", ["k\(n)", n])
            }
          }
        }
        try await waitUntil("all 1,000 writes are queued") {
          writer.statistics.pendingWrites == 1_000
        }
        gate.open()
        try await group.waitForAll()
      }
      try await held.value
      let statistics = writer.statistics
      // The held unit's batch, then 1,000 writes in batches of at most 512: 512 + 488.
      #expect(statistics.commits == 3)
      #expect(statistics.largestBatch == 512)
      #expect(statistics.committedWrites == 1_001)
      #expect(statistics.pendingWrites == 0)
    }
  }

  @Test func aFailingWriteIsRolledBackAloneAndOnlyItsCallerSeesTheError() async throws {
    try await withWriter { writer, path in
      try await writer.write { db in try db.execute("INSERT INTO items (key) VALUES ('taken')") }
      let gate = Gate()
      let held = await hold(writer, on: gate)

      func insert(_ key: String, thenThrow: Bool = false) -> Task<Int64, any Error> {
        Task {
          try await writer.write { db in
            try db.execute("INSERT INTO items (key) VALUES (?)", [key])
            if thenThrow { throw Boom() }
            return db.lastInsertRowID
          }
        }
      }
      let first = insert("first")
      try await waitUntil("first is queued") { writer.statistics.pendingWrites == 1 }
      let throwing = insert("thrown away", thenThrow: true)
      try await waitUntil("throwing is queued") { writer.statistics.pendingWrites == 2 }
      let duplicate = insert("taken")
      try await waitUntil("duplicate is queued") { writer.statistics.pendingWrites == 3 }
      let last = insert("last")
      try await waitUntil("last is queued") { writer.statistics.pendingWrites == 4 }
      gate.open()
      try await held.value

      #expect(try await first.value > 0)
      await #expect(throws: Boom()) { try await throwing.value }
      let error = await #expect(throws: SQLiteError.self) { try await duplicate.value }
      #expect(error?.isUniqueConstraintViolation == true)
      #expect(try await last.value > 0)

      let statistics = writer.statistics
      #expect(statistics.commits == 3)  // setup, held, and the one batch of four
      #expect(statistics.largestBatch == 4)
      #expect(statistics.failedWrites == 2)
      let independent = try SQLiteConnection(path: path, readOnly: true)
      let keys = try independent.fetchAll("SELECT key FROM items ORDER BY id") { try $0.string(0) }
      #expect(keys == ["taken", "first", "last"])
    }
  }

  @Test func whenAUnitFailsTheOthersOfItsBatchRunAgainAndCommitOnceWithTheirLastResult() async throws {
    try await withWriter { writer, path in
      let gate = Gate()
      let held = await hold(writer, on: gate)
      let runs = RunCounts()

      /// Inserts `key` and returns how many times this unit has run, so a rerun shows.
      func insert(_ key: String, thenThrow: Bool = false) -> Task<Int, any Error> {
        Task {
          try await writer.write { db in
            try db.execute("INSERT INTO items (key) VALUES (?)", [key])
            if thenThrow { throw Boom() }
            return runs.count(key)
          }
        }
      }
      let before = insert("before")
      try await waitUntil("before is queued") { writer.statistics.pendingWrites == 1 }
      let failing = insert("failing", thenThrow: true)
      try await waitUntil("failing is queued") { writer.statistics.pendingWrites == 2 }
      let after = insert("after")
      try await waitUntil("after is queued") { writer.statistics.pendingWrites == 3 }
      gate.open()
      try await held.value

      // The batch ran together first; the failure rolled it back, and `before` ran again.
      #expect(try await before.value == 2)
      await #expect(throws: Boom()) { try await failing.value }
      #expect(try await after.value == 1)
      let independent = try SQLiteConnection(path: path, readOnly: true)
      let keys = try independent.fetchAll("SELECT key FROM items ORDER BY id") { try $0.string(0) }
      #expect(keys == ["before", "after"])
      #expect(writer.statistics.busyTime > .zero)
    }
  }

  @Test func aFailedCommitFailsTheWholeBatchAndTheWriterGoesOn() async throws {
    try await withWriter { writer, path in
      try await writer.write { db in
        try db.execute(
          """
          CREATE TABLE notes (
            item INTEGER REFERENCES items(id) DEFERRABLE INITIALLY DEFERRED, body TEXT)
          """)
      }
      let gate = Gate()
      let held = await hold(writer, on: gate)
      let good = Task {
        try await writer.write { db in try db.execute("INSERT INTO items (key) VALUES ('good')") }
      }
      try await waitUntil("good is queued") { writer.statistics.pendingWrites == 1 }
      // The deferred foreign key is checked only at COMMIT, so this unit's RELEASE succeeds.
      let dangling = Task {
        try await writer.write { db in
          try db.execute("INSERT INTO notes (item, body) VALUES (999, 'orphan')")
        }
      }
      try await waitUntil("dangling is queued") { writer.statistics.pendingWrites == 2 }
      gate.open()
      try await held.value

      for task in [good, dangling] {
        let error = await #expect(throws: SQLiteError.self) { try await task.value }
        #expect(error?.extendedCode == .constraintForeignKey)
      }
      #expect(writer.statistics.failedCommits == 1)
      try await writer.write { db in try db.execute("INSERT INTO items (key) VALUES ('after')") }
      let independent = try SQLiteConnection(path: path, readOnly: true)
      let keys = try independent.fetchAll("SELECT key FROM items") { try $0.string(0) }
      #expect(keys == ["after"])
      #expect(try independent.fetchOne("SELECT count(*) FROM notes") { try $0.int(0) } == 0)
    }
  }

  @Test func aWriteThatEndsTheTransactionFailsTheWritesBatchedBeforeIt() async throws {
    try await withWriter { writer, path in
      let gate = Gate()
      let held = await hold(writer, on: gate)
      let earlier = Task {
        try await writer.write { db in try db.execute("INSERT INTO items (key) VALUES ('earlier')") }
      }
      try await waitUntil("earlier is queued") { writer.statistics.pendingWrites == 1 }
      let rogue = Task { try await writer.write { db in try db.execute("ROLLBACK") } }
      try await waitUntil("rogue is queued") { writer.statistics.pendingWrites == 2 }
      let later = Task {
        try await writer.write { db in try db.execute("INSERT INTO items (key) VALUES ('later')") }
      }
      try await waitUntil("later is queued") { writer.statistics.pendingWrites == 3 }
      gate.open()
      try await held.value

      for task in [earlier, rogue] {
        let error = await #expect(throws: SQLiteError.self) { try await task.value }
        #expect(error?.code == .misuse)
        #expect(error?.message.contains("savepoint") == true)
      }
      try await later.value
      let independent = try SQLiteConnection(path: path, readOnly: true)
      let keys = try independent.fetchAll("SELECT key FROM items") { try $0.string(0) }
      #expect(keys == ["later"])
    }
  }

  @Test func closeFinishesQueuedWritesThenRefusesNewOnes() async throws {
    try await withTemporaryDatabasePath { path in
      let connection = try SQLiteConnection(path: path)
      try createItems(connection)
      let writer = SQLiteWriter(connection: connection)
      let gate = Gate()
      let held = await hold(writer, on: gate)
      let queued = (0..<10).map { n in
        Task {
          try await writer.write { db in
            try db.execute("INSERT INTO items (key) VALUES (?)", ["k\(n)"])
          }
        }
      }
      try await waitUntil("the writes are queued") { writer.statistics.pendingWrites == 10 }
      let closing = Task { await writer.close() }
      gate.open()
      await closing.value
      try await held.value
      for task in queued { try await task.value }
      #expect(try itemCount(SQLiteConnection(path: path, readOnly: true)) == 10)

      let error = await #expect(throws: SQLiteError.self) {
        try await writer.write { _ in }
      }
      #expect(error?.code == .misuse)
      await writer.close()  // a second close returns at once
    }
  }
}

/// How many times each unit has run, counted from inside the writer.
final class RunCounts: Sendable {
  private let counts = Mutex<[String: Int]>([:])

  /// Counts one more run of `key`'s unit and returns the total.
  func count(_ key: String) -> Int {
    counts.withLock { counts in
      counts[key, default: 0] += 1
      return counts[key]!
    }
  }
}

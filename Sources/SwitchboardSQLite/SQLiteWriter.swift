internal import Foundation

/// The one writer of a database, with group commit.
///
/// A dedicated thread owns the only read-write connection. ``write(_:)`` queues a unit of work;
/// the thread takes every queued unit (up to ``maximumBatchSize``), runs them in one immediate
/// transaction, commits once, and only then answers every caller with its result. So a thousand concurrent writes cost a handful of commits rather than a
/// thousand, and a caller that gets an answer knows its change is committed.
///
/// ```swift
/// let writer = try SQLiteWriter(path: "chats.sqlite")
/// let id = try await writer.write { db in
///   try db.execute("INSERT INTO notes (body) VALUES (?)", ["hello"])
///   return db.lastInsertRowID
/// }
/// await writer.close()
/// ```
///
/// A unit that throws is rolled back alone and its caller gets the error; the others in the
/// batch commit. (The batch runs without savepoints, which cost a copy of every page a unit
/// changes; when a unit throws, the transaction is rolled back and the other units run again,
/// each in its own savepoint.) When COMMIT itself fails (a deferred foreign key, a full
/// disk, an I/O error), every unit in the batch gets that error and none is committed.
///
/// Rules for the work in a unit: it runs on the writer thread, so it must not block for long (it
/// delays every write behind it); it must not BEGIN, COMMIT or ROLLBACK (use
/// ``SQLiteConnection/savepoint(_:)`` to nest); it may run twice, when another unit of its
/// batch fails, so its only effects are on the database and in its result (only the committed
/// run's result is returned); and it is not cancellable once queued, so a caller never has to
/// wonder whether a write it abandoned was committed. Foreign keys that are
/// `DEFERRABLE INITIALLY DEFERRED` are checked at COMMIT and so fail the whole batch: prefer
/// immediate ones.
public final class SQLiteWriter: Sendable {
  /// What the writer has done so far: how well group commit is batching, for tests and metrics.
  public struct Statistics: Sendable, Hashable {
    /// Transactions committed: one per batch that had at least one successful unit.
    public var commits = 0
    /// COMMITs that failed, failing their whole batch.
    public var failedCommits = 0
    /// Units answered with success.
    public var committedWrites = 0
    /// Units answered with an error.
    public var failedWrites = 0
    /// The most units one batch has held.
    public var largestBatch = 0
    /// Units queued and not yet taken by the writer thread.
    public var pendingWrites = 0
    /// CPU time the writer thread has spent running batches and answering their callers: the
    /// share of a core the writes cost. One thread runs every write, so this bounds the rate.
    public var busyTime: Duration = .zero

    /// All zero.
    public init() {}
  }

  private let queue: WriteQueue

  /// The most units run in one transaction: bounds how long one COMMIT makes early callers wait.
  public var maximumBatchSize: Int { queue.maximumBatchSize }

  /// Starts the writer thread with `connection`, which it owns from now on.
  ///
  /// - Parameters:
  ///   - connection: a read-write connection; migrate it before handing it over.
  ///   - maximumBatchSize: the most units in one transaction; 512 by default, enough to
  ///     absorb bursts while keeping one batch's time in the tens of milliseconds.
  public init(connection: sending SQLiteConnection, maximumBatchSize: Int = 512) {
    precondition(!connection.isReadOnly, "the writer needs a read-write connection")
    let queue = WriteQueue(maximumBatchSize: maximumBatchSize)
    self.queue = queue
    let handoff = ConnectionHandoff(connection)
    // A Thread, not a task: SQLite calls block (on disk, on locks), and a blocked thread of the
    // cooperative pool would stall unrelated tasks.
    let thread = Thread {
      // Named from inside: Linux gives a new thread its creator's name, and keeps 15 bytes of one.
      Thread.current.name = "sb.sqlite.write"
      // The connection is released when this scope ends: closed before `finish()` answers
      // `close()`.
      do {
        let committer = GroupCommitter(connection: handoff.take(), queue: queue)
        committer.run()
      }
      queue.finish()
    }
    thread.start()
  }

  /// Opens (creating if needed) the database at `path` read-write and starts the writer on it.
  public convenience init(
    path: String,
    configuration: SQLiteConfiguration = SQLiteConfiguration(),
    maximumBatchSize: Int = 512
  ) throws {
    let connection = try SQLiteConnection(path: path, configuration: configuration)
    self.init(connection: connection, maximumBatchSize: maximumBatchSize)
  }

  deinit {
    // The thread holds the queue, not the writer: it finishes the queued work and exits.
    queue.close()
  }

  /// Runs `body` on the writer's connection in the next batch and returns its result once the
  /// batch is committed.
  ///
  /// - Throws: what `body` throws (its changes rolled back, the batch's others unaffected); the
  ///   ``SQLiteError`` of a failed BEGIN or COMMIT; ``SQLiteResultCode/misuse`` after
  ///   ``close()``; `CancellationError` if the task was cancelled before the unit was queued.
  public func write<T: Sendable>(
    _ body: @escaping @Sendable (SQLiteConnection) throws -> T
  ) async throws -> T {
    try Task.checkCancellation()
    return try await withCheckedThrowingContinuation { continuation in
      let write = PendingWrite(
        run: { db in
          let value = try body(db)
          return { continuation.resume(returning: value) }
        },
        fail: { continuation.resume(throwing: $0) }
      )
      if !queue.enqueue(write) { continuation.resume(throwing: SQLiteError.closed("writer")) }
    }
  }

  /// Counters of commits and batches so far.
  public var statistics: Statistics { queue.statistics }

  /// Refuses new writes, runs the queued ones, closes the connection, and returns when done.
  public func close() async {
    await queue.closeAndWait()
  }
}

/// Carries the connection from the initializer to the writer thread.
///
/// `@unchecked Sendable` because it holds a non-Sendable connection, safely: the initializer
/// received the connection as `sending`, so no one else holds it; it is stored here before the
/// thread starts (`Thread.start` orders the store before the thread's read) and taken exactly
/// once, by the thread, after which this box is empty.
private final class ConnectionHandoff: @unchecked Sendable {
  private var connection: SQLiteConnection?

  init(_ connection: sending SQLiteConnection) { self.connection = connection }

  func take() -> SQLiteConnection {
    defer { connection = nil }
    return connection!
  }
}

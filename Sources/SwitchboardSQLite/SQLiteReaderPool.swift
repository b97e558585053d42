internal import Dispatch
internal import Synchronization

/// A fixed set of read-only connections for concurrent reads beside the writer.
///
/// In WAL mode a reader never waits for the writer, nor the writer for readers: each `read { }`
/// runs in a deferred transaction and sees the database as of its first statement, committed
/// data only. Each connection has its own serial dispatch queue, so blocking SQLite calls run
/// on Dispatch's threads, never on the Swift cooperative pool. When every connection is busy,
/// reads wait in line, oldest first.
///
/// ```swift
/// let readers = try SQLiteReaderPool(path: "chats.sqlite", count: 4)
/// let count = try await readers.read { db in
///   try db.fetchOne("SELECT count(*) FROM notes") { try $0.int(0) } ?? 0
/// }
/// ```
///
/// The database file must exist and be in WAL mode: open the writer first.
public final class SQLiteReaderPool: Sendable {
  /// A queued read: given its connection, or nil if the slot was closed under it (which the
  /// pool's bookkeeping rules out, but a caller must never be left waiting).
  private typealias Job = @Sendable (SQLiteConnection?) -> Void

  private struct State {
    var free: [Int]
    var waiting = FIFO<Job>()
    var isClosed = false
    var openSlots: Int
    var closeWaiters: [CheckedContinuation<Void, Never>] = []
  }

  private let slots: [ReaderSlot]
  private let state: Mutex<State>

  /// How many connections the pool has.
  public var count: Int { slots.count }

  /// Opens `count` read-only connections to the database at `path`.
  ///
  /// - Throws: ``SQLiteError``, such as ``SQLiteResultCode/cantOpen`` when the file is missing.
  public init(
    path: String, count: Int = 4, configuration: SQLiteConfiguration = SQLiteConfiguration()
  ) throws {
    precondition(count > 0, "a reader pool needs at least one connection")
    slots = try (0..<count).map { index in
      try ReaderSlot(
        connection: SQLiteConnection(path: path, readOnly: true, configuration: configuration),
        queue: DispatchQueue(label: "switchboard.sqlite.reader.\(index)")
      )
    }
    state = Mutex(State(free: Array(0..<count), openSlots: count))
  }

  /// Runs `body` on a free connection, inside a read transaction, and returns its result.
  ///
  /// - Throws: what `body` throws; ``SQLiteResultCode/readOnly`` if it tries to write;
  ///   ``SQLiteResultCode/misuse`` after ``close()``; `CancellationError` if the task was
  ///   cancelled before the read was queued.
  public func read<T: Sendable>(
    _ body: @escaping @Sendable (SQLiteConnection) throws -> T
  ) async throws -> T {
    try Task.checkCancellation()
    return try await withCheckedThrowingContinuation { continuation in
      let job: Job = { db in
        guard let db else {
          return continuation.resume(throwing: SQLiteError.closed("reader pool"))
        }
        continuation.resume(with: Result { try db.transaction(.deferred, body) })
      }
      if !submit(job) { continuation.resume(throwing: SQLiteError.closed("reader pool")) }
    }
  }

  /// Where a submitted read goes.
  private enum Placement { case slot(Int), queued, refused }

  /// Runs `job` on a free connection, or queues it; false when the pool is closed.
  private func submit(_ job: @escaping Job) -> Bool {
    let placement = state.withLock { state -> Placement in
      if state.isClosed { return .refused }
      if let index = state.free.popLast() { return .slot(index) }
      state.waiting.append(job)
      return .queued
    }
    switch placement {
    case .slot(let index): run(job, on: index)
    case .queued: break
    case .refused: return false
    }
    return true
  }

  /// Refuses new reads, lets the queued ones finish, closes every connection, and returns then.
  public func close() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let (done, idle) = state.withLock { state -> (Bool, [Int]) in
        if state.openSlots == 0 { return (true, []) }
        state.closeWaiters.append(continuation)
        state.isClosed = true
        defer { state.free = [] }
        return (false, state.free)
      }
      if done { continuation.resume() }
      for index in idle { slots[index].queue.async { self.closeSlot(index) } }
    }
  }

  /// Runs `job` on slot `index`, then whatever reads are waiting, until the line is empty.
  private func run(_ job: @escaping Job, on index: Int) {
    let slot = slots[index]
    slot.queue.async {
      var next: Job? = job
      while let job = next {
        job(slot.connection)
        next = self.state.withLock { state -> Job? in
          if let waiting = state.waiting.popFirst() { return waiting }
          if !state.isClosed { state.free.append(index) }
          return nil
        }
      }
      if self.state.withLock({ $0.isClosed }) { self.closeSlot(index) }
    }
  }

  /// Closes slot `index`'s connection; on its queue, once its last read is done.
  private func closeSlot(_ index: Int) {
    guard slots[index].connection != nil else { return }
    slots[index].connection = nil
    let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
      state.openSlots -= 1
      guard state.openSlots == 0 else { return [] }
      defer { state.closeWaiters = [] }
      return state.closeWaiters
    }
    for waiter in waiters { waiter.resume() }
  }
}

/// One reader connection and the serial queue it is confined to.
///
/// `@unchecked Sendable` because the connection is not: it is read and cleared only by blocks
/// running on `queue`, which is serial, so no two threads ever touch it at once and each block
/// sees the previous one's writes (a serial queue orders its blocks).
private final class ReaderSlot: @unchecked Sendable {
  var connection: SQLiteConnection?
  let queue: DispatchQueue

  init(connection: sending SQLiteConnection, queue: DispatchQueue) {
    self.connection = connection
    self.queue = queue
  }
}

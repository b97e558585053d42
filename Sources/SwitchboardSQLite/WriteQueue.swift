internal import Dispatch
internal import Synchronization

/// One `write { }` call waiting for the writer thread.
struct PendingWrite: Sendable {
  /// Runs the caller's work on the writer's connection and returns the closure that answers the
  /// caller with its result, to be called only once the work is committed.
  let run: @Sendable (SQLiteConnection) throws -> @Sendable () -> Void
  /// Answers the caller with an error.
  let fail: @Sendable (any Error) -> Void
}

/// The line between callers of ``SQLiteWriter/write(_:)`` and the writer thread.
///
/// A `Mutex` guards the state; a semaphore wakes the thread, signalled only by whoever finds it
/// waiting, so its count never exceeds one and the thread never spins on stale signals.
final class WriteQueue: Sendable {
  private struct State {
    var pending = FIFO<PendingWrite>()
    var isClosed = false
    var isFinished = false
    var writerIsWaiting = false
    var closeWaiters: [CheckedContinuation<Void, Never>] = []
    var statistics = SQLiteWriter.Statistics()
  }

  private let state = Mutex(State())
  private let wakeUp = DispatchSemaphore(value: 0)

  /// The most units the thread takes into one transaction.
  let maximumBatchSize: Int

  init(maximumBatchSize: Int) {
    precondition(maximumBatchSize > 0, "a batch holds at least one write")
    self.maximumBatchSize = maximumBatchSize
  }

  /// Queues `write`; false when the queue is closed (the caller answers it).
  func enqueue(_ write: PendingWrite) -> Bool {
    let (accepted, wake) = state.withLock { state -> (Bool, Bool) in
      guard !state.isClosed else { return (false, false) }
      state.pending.append(write)
      defer { state.writerIsWaiting = false }
      return (true, state.writerIsWaiting)
    }
    if wake { wakeUp.signal() }
    return accepted
  }

  /// Blocks the writer thread until there is work, then takes up to ``maximumBatchSize`` units;
  /// nil once the queue is closed and empty.
  func nextBatch() -> [PendingWrite]? {
    while true {
      let batch = state.withLock { state -> [PendingWrite]? in
        if !state.pending.isEmpty { return state.pending.popFirst(upTo: maximumBatchSize) }
        if state.isClosed { return nil }
        state.writerIsWaiting = true
        return []
      }
      guard let batch else { return nil }
      if !batch.isEmpty { return batch }
      wakeUp.wait()
    }
  }

  /// Adds a finished batch to the statistics.
  func record(_ update: (inout SQLiteWriter.Statistics) -> Void) {
    state.withLock { update(&$0.statistics) }
  }

  /// The statistics so far, with the current queue length.
  var statistics: SQLiteWriter.Statistics {
    state.withLock { state in
      var statistics = state.statistics
      statistics.pendingWrites = state.pending.count
      return statistics
    }
  }

  /// Refuses new work; the thread drains what is queued, then exits.
  func close() {
    let wake = state.withLock { state -> Bool in
      state.isClosed = true
      defer { state.writerIsWaiting = false }
      return state.writerIsWaiting
    }
    if wake { wakeUp.signal() }
  }

  /// Called by the thread as its last act, after closing the connection.
  func finish() {
    let waiters = state.withLock { state in
      state.isFinished = true
      defer { state.closeWaiters = [] }
      return state.closeWaiters
    }
    for waiter in waiters { waiter.resume() }
  }

  /// Closes the queue and returns once the thread has finished.
  func closeAndWait() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let finished = state.withLock { state in
        if !state.isFinished { state.closeWaiters.append(continuation) }
        return state.isFinished
      }
      if finished { continuation.resume() } else { close() }
    }
  }
}

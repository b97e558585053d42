import Synchronization

/// Runs `body` and returns what it returns, or throws ``RobustTimeout`` once `limit` passed
/// first, cancelling and abandoning `body`.
///
/// A runtime bug that loses a continuation hangs a call for good, and a hung test task would
/// hang the whole run (a time limit only cancels it): wrapped, it fails its test instead.
func robustWithin<Value: Sendable>(
  _ limit: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> Value
) async throws -> Value {
  let work = Task { try await body() }
  let race = RobustRace<Value>()
  defer { race.cancelTimer() }
  return try await withTaskCancellationHandler {
    try await withCheckedThrowingContinuation { continuation in
      race.start(continuation)
      Task { race.finish(await work.result) }
      race.setTimer(
        Task {
          try await Task.sleep(for: limit)
          work.cancel()
          race.finish(.failure(RobustTimeout("after \(limit): \(what)")))
        })
    }
  } onCancel: {
    work.cancel()
  }
}

/// The first of a result and a timeout to arrive resumes the waiter of ``robustWithin(_:_:_:)``.
private final class RobustRace<Value: Sendable>: Sendable {
  private let waiter = Mutex<CheckedContinuation<Value, any Error>?>(nil)
  private let timer = Mutex<Task<Void, any Error>?>(nil)

  func start(_ continuation: CheckedContinuation<Value, any Error>) {
    waiter.withLock { $0 = continuation }
  }

  func finish(_ result: Result<Value, any Error>) {
    let continuation = waiter.withLock { slot in
      defer { slot = nil }
      return slot
    }
    continuation?.resume(with: result)
  }

  func setTimer(_ task: Task<Void, any Error>) {
    timer.withLock { $0 = task }
  }

  func cancelTimer() {
    timer.withLock { $0?.cancel() }
  }
}

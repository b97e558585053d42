import Synchronization

/// What the handlers of one ``TestEchoService`` did, in order, and a way for a test to await
/// an event instead of sleeping.
final class TestEchoRecorder: Sendable {
  /// A test waiting for an event that matches `predicate`.
  private struct Waiter {
    let id: Int
    let predicate: @Sendable (TestEchoEvent) -> Bool
    let continuation: CheckedContinuation<TestEchoEvent, any Error>
  }

  private struct State {
    var events: [TestEchoEvent] = []
    var waiters: [Waiter] = []
    var nextWaiterID = 0
  }

  private let state = Mutex(State())

  /// Every event so far, in order.
  var events: [TestEchoEvent] { state.withLock { $0.events } }

  /// Adds an event and wakes the tests waiting for it.
  func record(_ event: TestEchoEvent) {
    let woken = state.withLock { state -> [Waiter] in
      state.events.append(event)
      let matching = state.waiters.filter { $0.predicate(event) }
      state.waiters.removeAll { $0.predicate(event) }
      return matching
    }
    for waiter in woken { waiter.continuation.resume(returning: event) }
  }

  /// The first event, past or future, that matches `predicate`.
  ///
  /// - Throws: ``TestTimeout`` when none arrives within `timeout`.
  @discardableResult
  func first(
    within timeout: Duration = .seconds(10),
    where predicate: @escaping @Sendable (TestEchoEvent) -> Bool
  ) async throws -> TestEchoEvent {
    try await withThrowingTaskGroup(of: TestEchoEvent.self) { group in
      group.addTask { try await self.wait(for: predicate) }
      group.addTask {
        try await Task.sleep(for: timeout)
        throw TestTimeout(
          what: "the awaited echo handler event (seen so far: \(self.events))", after: timeout)
      }
      defer { group.cancelAll() }
      return try await group.next()!
    }
  }

  /// Waits, cancellably, for an event matching `predicate`.
  private func wait(for predicate: @escaping @Sendable (TestEchoEvent) -> Bool) async throws
    -> TestEchoEvent
  {
    let id = state.withLock { state in
      defer { state.nextWaiterID += 1 }
      return state.nextWaiterID
    }
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let outcome = state.withLock { state -> Result<TestEchoEvent, any Error>? in
          if let event = state.events.first(where: predicate) { return .success(event) }
          // The cancellation handler may have run before this waiter existed.
          if Task.isCancelled { return .failure(CancellationError()) }
          state.waiters.append(Waiter(id: id, predicate: predicate, continuation: continuation))
          return nil
        }
        if let outcome { continuation.resume(with: outcome) }
      }
    } onCancel: {
      let waiter = state.withLock { state -> Waiter? in
        guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return state.waiters.remove(at: index)
      }
      waiter?.continuation.resume(throwing: CancellationError())
    }
  }
}

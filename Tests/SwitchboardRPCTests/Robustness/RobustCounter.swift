import Synchronization

/// A count that tests wait on: handlers and producers bump it, a test awaits a value instead
/// of sleeping and hoping.
final class RobustCounter: Sendable {
  private struct Waiter {
    var target: Int
    var continuation: CheckedContinuation<Bool, Never>
    var timeout: Task<Void, Never>?
  }

  private struct State {
    var value = 0
    var waiters: [Int: Waiter] = [:]
    var nextID = 0
  }

  private let state = Mutex(State())

  init() {}

  /// The count now.
  var value: Int { state.withLock { $0.value } }

  /// Adds `amount` and wakes whoever waits for the new value.
  func increment(by amount: Int = 1) {
    let due = state.withLock { state -> [Waiter] in
      state.value += amount
      let ids = state.waiters.filter { $0.value.target <= state.value }.map(\.key)
      return ids.compactMap { state.waiters.removeValue(forKey: $0) }
    }
    for waiter in due {
      waiter.timeout?.cancel()
      waiter.continuation.resume(returning: true)
    }
  }

  /// Waits until the count reaches `target`: true, or false once `timeout` passed first.
  func wait(atLeast target: Int, timeout: Duration = robustPatience) async -> Bool {
    await withCheckedContinuation { continuation in
      let id = state.withLock { state -> Int? in
        guard state.value < target else { return nil }
        let id = state.nextID
        state.nextID += 1
        state.waiters[id] = Waiter(target: target, continuation: continuation)
        return id
      }
      guard let id else {
        continuation.resume(returning: true)
        return
      }
      let timer = Task {
        try? await Task.sleep(for: timeout)
        self.expire(id)
      }
      let stillWaiting = state.withLock { state -> Bool in
        guard state.waiters[id] != nil else { return false }
        state.waiters[id]?.timeout = timer
        return true
      }
      if !stillWaiting { timer.cancel() }
    }
  }

  private func expire(_ id: Int) {
    guard !Task.isCancelled else { return }
    let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
    waiter?.continuation.resume(returning: false)
  }
}

import Synchronization

/// How many of something run at once, and the most that ever did.
final class RobustGauge: Sendable {
  private let state = Mutex((current: 0, highest: 0))

  init() {}

  /// The most that ran at once so far.
  var highest: Int { state.withLock { $0.highest } }

  func enter() {
    state.withLock { state in
      state.current += 1
      state.highest = max(state.highest, state.current)
    }
  }

  func leave() {
    state.withLock { $0.current -= 1 }
  }
}

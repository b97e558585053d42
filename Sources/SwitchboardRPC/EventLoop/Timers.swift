internal import Glibc

/// Nanoseconds on `CLOCK_MONOTONIC`, the clock of every timer and deadline inside the runtime.
enum MonotonicClock {
  /// Now, in nanoseconds since an arbitrary start.
  static var now: Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
  }

  /// The monotonic time of a `ContinuousClock` instant, for deadlines given by callers.
  static func nanoseconds(at instant: ContinuousClock.Instant) -> Int64 {
    let remaining = instant - ContinuousClock.now
    let (sum, overflow) = now.addingReportingOverflow(remaining.nanoseconds)
    return overflow ? (remaining > .zero ? .max : .min) : sum
  }
}

/// A one-shot action on an event loop; cancel it to keep it from firing. Loop thread only.
final class LoopTimer {
  let deadline: Int64
  private var action: (() -> Void)?
  var sequence = 0

  init(deadline: Int64, action: @escaping () -> Void) {
    self.deadline = deadline
    self.action = action
  }

  /// Whether the timer will still fire.
  var isPending: Bool { action != nil }

  /// Keeps the action from running, and releases what it captured.
  func cancel() { action = nil }

  func fire() {
    guard let action else { return }
    self.action = nil
    action()
  }
}

/// Pending timers, earliest first: a binary min-heap; cancelled timers leave when they come up.
struct TimerHeap {
  private var heap: [LoopTimer] = []
  private var nextSequence = 0

  var isEmpty: Bool { heap.isEmpty }

  mutating func insert(_ timer: LoopTimer) {
    timer.sequence = nextSequence
    nextSequence &+= 1
    heap.append(timer)
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard precedes(heap[child], heap[parent]) else { break }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  /// The earliest timer if it is due at `now`.
  mutating func popDue(now: Int64) -> LoopTimer? {
    while let first = heap.first {
      if !first.isPending {
        removeFirst()
        continue
      }
      guard first.deadline <= now else { return nil }
      removeFirst()
      return first
    }
    return nil
  }

  /// How long epoll may sleep: until the next pending timer, or forever (-1).
  mutating func millisecondsToNext(now: Int64) -> Int32 {
    while let first = heap.first, !first.isPending { removeFirst() }
    guard let first = heap.first else { return -1 }
    let wait = first.deadline - now
    if wait <= 0 { return 0 }
    return Int32(clamping: (wait + 999_999) / 1_000_000)
  }

  private func precedes(_ a: LoopTimer, _ b: LoopTimer) -> Bool {
    a.deadline != b.deadline ? a.deadline < b.deadline : a.sequence < b.sequence
  }

  private mutating func removeFirst() {
    let last = heap.removeLast()
    guard !heap.isEmpty else { return }
    heap[0] = last
    var parent = 0
    while true {
      let left = 2 * parent + 1
      guard left < heap.count else { break }
      var smallest = left
      if left + 1 < heap.count, precedes(heap[left + 1], heap[left]) { smallest = left + 1 }
      guard precedes(heap[smallest], heap[parent]) else { break }
      heap.swapAt(parent, smallest)
      parent = smallest
    }
  }
}

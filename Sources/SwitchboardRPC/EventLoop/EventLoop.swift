internal import CSwitchboardSystem
internal import Glibc
internal import Synchronization

/// One thread running an epoll loop; connections live on it, and it is a `TaskExecutor`, so
/// handler and caller tasks that prefer it run between I/O events on the same thread, without
/// hops.
///
/// Each turn: wait for events (not at all when work is queued), read from ready sockets, run
/// due timers, run queued jobs, then write every connection's buffered output with one
/// syscall each. Frames produced by many calls in one turn thus leave in one write.
///
/// Thread safety: everything under `local` is touched only on the loop's own thread (checked
/// with ``inEventLoop`` at every entry point); other threads hand work in through `inbox`, a
/// `Mutex`, and wake the loop through an eventfd only when it sleeps. That confinement is why
/// the class can be `@unchecked Sendable`.
final class EventLoop: TaskExecutor, @unchecked Sendable, CustomStringConvertible {
  /// Work queued for the loop.
  enum Work: Sendable {
    case job(UnownedJob)
    case closure(@Sendable () -> Void)
  }

  /// State only the loop thread touches.
  struct Local {
    var runQueue: [Work] = []
    var spareQueue: [Work] = []
    var handlers: [Int32: any LoopHandler] = [:]
    var timers = TimerHeap()
    var flushQueue: [any LoopHandler] = []
  }

  let index: Int
  private let epollFD: Int32
  private let wakeFD: Int32
  private let inbox = Mutex<[Work]>([])
  private let sleeping = Atomic<Bool>(false)
  private let threadID = Atomic<UInt>(0)
  private let stopped = Atomic<Bool>(false)
  /// Scratch space sockets are read into before their bytes go to a decoder: one per loop,
  /// so idle connections hold no read buffer of their own.
  let readBuffer: UnsafeMutableRawBufferPointer
  var local = Local()

  init(index: Int) {
    self.index = index
    epollFD = sb_epoll_create()
    wakeFD = sb_eventfd()
    precondition(epollFD >= 0 && wakeFD >= 0, "epoll or eventfd unavailable: errno \(errno)")
    readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
    sb_epoll_ctl(epollFD, Operation.add, wakeFD, UInt32(SB_EVENT_IN))
  }

  var description: String { "EventLoop(\(index))" }

  /// Whether the caller runs on this loop's thread.
  var inEventLoop: Bool { threadID.load(ordering: .relaxed) == UInt(bitPattern: Int(bitPattern: pthread_self())) }

  /// Starts the loop on a thread of its own; returns once it runs.
  func start() {
    let box = Unmanaged.passRetained(self)
    var thread = pthread_t()
    let result = pthread_create(&thread, nil, { argument in
      let loop = Unmanaged<EventLoop>.fromOpaque(argument!).takeRetainedValue()
      loop.threadID.store(UInt(bitPattern: Int(bitPattern: pthread_self())), ordering: .releasing)
      loop.run()
      return nil
    }, box.toOpaque())
    precondition(result == 0, "cannot start an event loop thread: error \(result)")
    pthread_detach(thread)
    while threadID.load(ordering: .acquiring) == 0 { sched_yield() }
  }

  /// Stops the loop after its current turn (only used by groups made for tests).
  func stop() {
    stopped.store(true, ordering: .relaxed)
    execute {}
  }

  // MARK: Submitting work

  /// Runs `work` on the loop soon; from any thread.
  func execute(_ work: @escaping @Sendable () -> Void) {
    submit(.closure(work))
  }

  /// Runs `work` now when called on the loop, else queues it.
  func executeOrRun(_ work: @escaping @Sendable () -> Void) {
    if inEventLoop { work() } else { submit(.closure(work)) }
  }

  private func submit(_ work: Work) {
    if inEventLoop {
      local.runQueue.append(work)
      return
    }
    inbox.withLock { $0.append(work) }
    if sleeping.load(ordering: .sequentiallyConsistent) { wake() }
  }

  private func wake() {
    var one: UInt64 = 1
    _ = Glibc.write(wakeFD, &one, 8)
  }

  func enqueue(_ job: consuming ExecutorJob) {
    submit(.job(UnownedJob(job)))
  }

  // MARK: Registration (loop thread only)

  /// Watches `fd` for `events` and reports them to `handler`.
  func register(_ fd: Int32, handler: any LoopHandler, writable: Bool = false) {
    local.handlers[fd] = handler
    sb_epoll_ctl(epollFD, Operation.add, fd, interest(writable: writable))
  }

  /// Turns interest in writability on or off for a registered `fd`.
  func setWritableInterest(_ fd: Int32, _ writable: Bool) {
    sb_epoll_ctl(epollFD, Operation.modify, fd, interest(writable: writable))
  }

  /// Stops watching `fd` (before it is closed).
  func deregister(_ fd: Int32) {
    sb_epoll_ctl(epollFD, Operation.remove, fd, 0)
    local.handlers[fd] = nil
  }

  private enum Operation {
    static let add: Int32 = 1
    static let remove: Int32 = 2
    static let modify: Int32 = 3
  }

  private func interest(writable: Bool) -> UInt32 {
    UInt32(SB_EVENT_IN | SB_EVENT_RDHUP) | (writable ? UInt32(SB_EVENT_OUT) : 0)
  }

  /// Asks for `handler.flush()` at the end of this turn.
  func scheduleFlush(_ handler: any LoopHandler) {
    local.flushQueue.append(handler)
  }

  /// Runs `action` on the loop after `delay`; loop thread only.
  @discardableResult
  func schedule(after delay: Duration, _ action: @escaping () -> Void) -> LoopTimer {
    let timer = LoopTimer(deadline: MonotonicClock.now + delay.nanoseconds, action: action)
    local.timers.insert(timer)
    return timer
  }

  // MARK: The loop

  private func run() {
    let capacity = 256
    let events = UnsafeMutablePointer<sb_event>.allocate(capacity: capacity)
    defer { events.deallocate() }
    while !stopped.load(ordering: .relaxed) {
      sleeping.store(true, ordering: .sequentiallyConsistent)
      let hasInbox = inbox.withLock { !$0.isEmpty }
      let timeout: Int32 =
        (hasInbox || !local.runQueue.isEmpty) ? 0 : local.timers.millisecondsToNext(now: MonotonicClock.now)
      let count = sb_epoll_wait(epollFD, events, Int32(capacity), timeout)
      sleeping.store(false, ordering: .relaxed)
      if count > 0 {
        for i in 0..<Int(count) {
          let event = events[i]
          let fd = event.fd
          if fd == wakeFD {
            var value: UInt64 = 0
            _ = Glibc.read(wakeFD, &value, 8)
            continue
          }
          local.handlers[fd]?.handleEvents(event.events)
        }
      }
      runTimers()
      runQueuedWork()
      flushAll()
    }
  }

  private func runTimers() {
    guard !local.timers.isEmpty else { return }
    let now = MonotonicClock.now
    while let timer = local.timers.popDue(now: now) {
      timer.fire()
    }
  }

  /// Jobs run between flushes: the first responses of a large batch leave while the rest
  /// are computed, so the peer works on them meanwhile instead of both sides taking turns
  /// over one batch. Few enough syscalls that batching still pays.
  static let jobsPerFlush = 16

  /// Runs queued jobs in rounds (work queued while running goes into the next round), at
  /// most a few rounds a turn so that a task that keeps yielding cannot starve I/O.
  private func runQueuedWork() {
    for _ in 0..<4 {
      let incoming = inbox.withLock { inbox -> [Work] in
        guard !inbox.isEmpty else { return [] }
        defer { inbox.removeAll(keepingCapacity: true) }
        return inbox
      }
      local.runQueue.append(contentsOf: incoming)
      if local.runQueue.isEmpty { return }
      var batch = local.spareQueue
      swap(&batch, &local.runQueue)
      var ranSinceFlush = 0
      for work in batch {
        switch work {
        case .job(let job): job.runSynchronously(on: asUnownedTaskExecutor())
        case .closure(let closure): closure()
        }
        ranSinceFlush += 1
        if ranSinceFlush >= Self.jobsPerFlush, !local.flushQueue.isEmpty {
          flushAll()
          ranSinceFlush = 0
        }
      }
      batch.removeAll(keepingCapacity: true)
      local.spareQueue = batch
    }
  }

  private func flushAll() {
    while !local.flushQueue.isEmpty {
      let handlers = local.flushQueue
      local.flushQueue.removeAll(keepingCapacity: true)
      for handler in handlers { handler.flush() }
    }
  }
}

/// Something registered with an event loop: a listening socket or a connection.
protocol LoopHandler: AnyObject {
  /// Reacts to epoll events (`SB_EVENT_IN`, `_OUT`, `_RDHUP`, `_ERR`, `_HUP`).
  func handleEvents(_ events: UInt32)
  /// Writes buffered output; called at the end of the turn that scheduled it.
  func flush()
}

extension LoopHandler {
  func flush() {}
}

extension Duration {
  /// The duration in whole nanoseconds, saturating.
  var nanoseconds: Int64 {
    let (seconds, attoseconds) = components
    let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    if overflow { return seconds < 0 ? .min : .max }
    return product.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
  }
}

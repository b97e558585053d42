import Glibc

/// Runs `body` on a thread of its own and returns its result.
///
/// The raw sockets of these tests block in `poll(2)`; doing that on one of the few threads of
/// Swift's cooperative pool (two on a two-core machine) would starve every other task of the
/// test run, the runtime's callers included.
func robustRunBlocking<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
  await withCheckedContinuation { continuation in
    let job = RobustThreadJob { continuation.resume(returning: body()) }
    var thread = pthread_t()
    let result = pthread_create(
      &thread, nil,
      { argument in
        Unmanaged<RobustThreadJob>.fromOpaque(argument!).takeRetainedValue().run()
        return nil
      }, Unmanaged.passRetained(job).toOpaque())
    precondition(result == 0, "cannot start a thread: error \(result)")
    pthread_detach(thread)
  }
}

/// The work handed to a thread by ``robustRunBlocking(_:)``.
private final class RobustThreadJob {
  let run: () -> Void

  init(_ run: @escaping () -> Void) {
    self.run = run
  }
}

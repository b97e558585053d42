import Foundation
import Synchronization

/// The desk's notion of now, in milliseconds since the Unix epoch: injected so that tests
/// drive the 24-hour rules with a clock they move by hand.
public protocol DeskClock: Sendable {
  /// The current time in milliseconds since the epoch.
  func nowMilliseconds() -> Int64
}

/// The real wall clock.
public struct SystemDeskClock: DeskClock {
  /// The wall clock.
  public init() {}

  /// The wall clock's now.
  public func nowMilliseconds() -> Int64 {
    Int64((Date().timeIntervalSince1970 * 1000).rounded())
  }
}

/// A clock that moves only when told: tests set it and advance it past the 24-hour marks.
public final class ManualDeskClock: DeskClock {
  private let now: Mutex<Int64>

  /// A clock showing `start` (milliseconds since the epoch).
  public init(start: Int64 = 1_800_000_000_000) {
    now = Mutex(start)
  }

  /// Where the clock was last set.
  public func nowMilliseconds() -> Int64 {
    now.withLock { $0 }
  }

  /// Moves the clock forward by `duration`.
  public func advance(by duration: Duration) {
    now.withLock { $0 += duration.milliseconds }
  }
}

extension Duration {
  /// The duration in whole milliseconds, the desk's unit of time.
  var milliseconds: Int64 {
    let (seconds, attoseconds) = components
    return seconds * 1000 + attoseconds / 1_000_000_000_000_000
  }
}

internal import Glibc
internal import Synchronization

/// The event loops connections run on: one thread each, started on first use.
///
/// ``shared`` has one loop per core and serves every client and server that does not name a
/// group of its own; that is almost always what you want.
public final class EventLoopGroup: Sendable {
  /// One loop per core, shared by the whole process.
  public static let shared = EventLoopGroup(loopCount: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

  let loops: [EventLoop]
  private let nextIndex = Atomic<Int>(0)

  /// Creates a group of `loopCount` loops (at least one), each on its own thread.
  public init(loopCount: Int) {
    loops = (0..<max(loopCount, 1)).map { EventLoop(index: $0) }
    for loop in loops { loop.start() }
  }

  /// The number of loops.
  public var loopCount: Int { loops.count }

  /// The next loop, round-robin: how new connections are spread.
  func next() -> EventLoop {
    loops[nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue % loops.count]
  }

  /// The loop the caller runs on, if it is one of this group's.
  var current: EventLoop? { loops.first { $0.inEventLoop } }
}

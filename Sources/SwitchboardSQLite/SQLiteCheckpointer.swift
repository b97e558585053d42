internal import Foundation
internal import Synchronization

/// Copies the write-ahead log back into the database file on a thread of its own, so that the
/// writer never does it between two batches.
///
/// SQLite's automatic checkpoint runs on the connection that commits, when the log passes its
/// threshold: on the writer thread, which runs every commit alone, that stalls every caller
/// behind it. Here a separate read-write connection runs a PASSIVE checkpoint (which never
/// waits for the writer or readers and copies what it can) every `interval`; the writer keeps a
/// high automatic threshold as a backstop, which also rewinds a log that writes never let
/// this thread empty (see `SQLiteDatabase.writerCheckpointBytes`).
public final class SQLiteCheckpointer: Sendable {
  /// What the checkpointer has done: for tests and metrics.
  public struct Statistics: Sendable, Hashable {
    /// Checkpoints run.
    public var checkpoints = 0
    /// Frames in the log at the last checkpoint.
    public var logFrames = 0
    /// Of those, the frames now copied into the database file (all of them, unless a reader
    /// still needed older pages).
    public var checkpointedFrames = 0
    /// Checkpoints that failed (the next one tries again).
    public var failures = 0
  }

  private struct State {
    var statistics = Statistics()
    var stopping = false
  }

  /// What the thread and callers share.
  private final class Shared: Sendable {
    let state = Mutex(State())
    let wake = DispatchSemaphore(value: 0)
    let stopped = DispatchSemaphore(value: 0)
  }

  private let shared = Shared()

  /// Starts checkpointing the database at `path` every `interval`.
  public init(path: String, interval: Duration = .milliseconds(200), configuration: SQLiteConfiguration = SQLiteConfiguration()) throws {
    let connection = try SQLiteConnection(path: path, configuration: configuration)
    let handoff = CheckpointConnection(connection)
    let milliseconds = Int(interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000)
    // A Thread, not a task: a checkpoint blocks on disk.
    let shared = shared
    let thread = Thread {
      // Named from inside: Linux gives a new thread its creator's name, and keeps 15 bytes of one.
      Thread.current.name = "sb.sqlite.ckpt"
      let connection = handoff.connection
      while !shared.state.withLock({ $0.stopping }) {
        _ = shared.wake.wait(timeout: .now() + .milliseconds(max(milliseconds, 1)))
        do {
          let (log, copied) = try connection.fetchOne("PRAGMA wal_checkpoint(PASSIVE)") { row in
            (try row.int64(1), try row.int64(2))
          } ?? (0, 0)
          shared.state.withLock {
            $0.statistics.checkpoints += 1
            $0.statistics.logFrames = Int(log)
            $0.statistics.checkpointedFrames = Int(copied)
          }
        } catch {
          shared.state.withLock { $0.statistics.failures += 1 }
        }
      }
      shared.stopped.signal()
    }
    thread.start()
  }

  /// Counters so far.
  public var statistics: Statistics { shared.state.withLock { $0.statistics } }

  /// Stops the thread after its current checkpoint and closes its connection.
  public func close() async {
    let shared = shared
    let first = shared.state.withLock { state -> Bool in
      defer { state.stopping = true }
      return !state.stopping
    }
    guard first else { return }
    shared.wake.signal()
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      DispatchQueue.global().async {
        shared.stopped.wait()
        continuation.resume()
      }
    }
  }
}

/// The checkpointer's connection, used only by its thread.
///
/// `@unchecked Sendable` because a connection is not: this one is created by the initializer,
/// captured by the thread's closure before `Thread.start` (which orders the store before the
/// thread runs), and used by that thread alone from then on.
private final class CheckpointConnection: @unchecked Sendable {
  let connection: SQLiteConnection
  init(_ connection: SQLiteConnection) { self.connection = connection }
}

import Dispatch
import Foundation
import Synchronization
import SwitchboardSQLite
import Testing

/// Runs `body` with the path of a database file in a fresh directory, removed afterwards.
func withTemporaryDatabasePath<T>(
  _ body: (String) async throws -> T
) async throws -> T {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("switchboard-sqlite-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  return try await body(directory.appendingPathComponent("test.sqlite").path)
}

/// Waits until `condition` holds, checking every millisecond, and fails after `timeout`.
func waitUntil(
  _ what: String, timeout: Duration = .seconds(10), _ condition: () -> Bool
) async throws {
  let deadline = ContinuousClock.now + timeout
  while !condition() {
    guard ContinuousClock.now < deadline else {
      Issue.record("timed out waiting until \(what)")
      throw CancellationError()
    }
    try await Task.sleep(for: .milliseconds(1))
  }
}

/// Holds a unit of work on the writer (or a reader) thread until the test opens it, so the test
/// can queue work behind it or act while it runs.
final class Gate: Sendable {
  private let entered: AsyncStream<Void>
  private let enteredContinuation: AsyncStream<Void>.Continuation
  private let opened = DispatchSemaphore(value: 0)

  init() {
    (entered, enteredContinuation) = AsyncStream.makeStream()
  }

  /// Called inside the unit: reports it is running, then blocks its thread until ``open()``.
  func pass() {
    enteredContinuation.yield()
    opened.wait()
  }

  /// Returns once a unit is blocked in ``pass()``.
  func waitUntilEntered() async {
    for await _ in entered { return }
  }

  /// Lets the blocked unit go on.
  func open() { opened.signal() }
}

/// A table of numbered rows, the shape most tests write into.
func createItems(_ db: SQLiteConnection) throws {
  try db.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, n INTEGER)")
}

/// How many rows `items` has, read on `db`.
func itemCount(_ db: SQLiteConnection) throws -> Int {
  try db.fetchOne("SELECT count(*) FROM items") { try $0.int(0) } ?? -1
}

/// A thrown error the tests can recognise.
struct Boom: Error, Equatable {}

/// A boolean one task sets and another reads.
final class Flag: Sendable {
  private let value = Mutex(false)
  func set() { value.withLock { $0 = true } }
  var isSet: Bool { value.withLock { $0 } }
}

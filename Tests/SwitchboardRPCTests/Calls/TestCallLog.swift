import Synchronization

/// Lines interceptors write as calls pass through them, in order, for a test to compare.
final class TestCallLog: Sendable {
  private let lines = Mutex<[String]>([])

  /// Every line so far.
  var entries: [String] { lines.withLock { $0 } }

  /// Adds a line.
  func append(_ line: String) {
    lines.withLock { $0.append(line) }
  }
}

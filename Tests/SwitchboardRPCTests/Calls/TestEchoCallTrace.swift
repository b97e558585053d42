import Synchronization

/// One handler's recording: the method, the caller, and the first request's text once known.
final class TestEchoCallTrace: Sendable {
  private let recorder: TestEchoRecorder
  private let method: String
  private let peer: String
  private let text = Mutex("")

  init(recorder: TestEchoRecorder, method: String, peer: String) {
    self.recorder = recorder
    self.method = method
    self.peer = peer
  }

  /// The handler has its first request.
  func start(text: String) {
    self.text.withLock { $0 = text }
    recorder.record(.started(method: method, text: text, peer: peer))
  }

  /// The handler's task was cancelled.
  func cancelled() {
    recorder.record(.cancelled(method: method, text: text.withLock { $0 }))
  }

  /// The handler ended; `code` is nil when it returned.
  func finished(code: Int32?) {
    recorder.record(.finished(method: method, text: text.withLock { $0 }, code: code))
  }
}

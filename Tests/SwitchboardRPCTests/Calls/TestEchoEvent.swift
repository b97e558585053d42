/// What a ``TestEchoService`` handler did, as the tests await it.
enum TestEchoEvent: Sendable, Hashable {
  /// A handler has its first request: the method's name (`Get`), that request's text (empty
  /// when a streaming call sent none), and the caller's address.
  case started(method: String, text: String, peer: String)
  /// A handler's task was cancelled while it ran.
  case cancelled(method: String, text: String)
  /// A handler returned or threw; `code` is nil when it returned.
  case finished(method: String, text: String, code: Int32?)

  /// The method named by the event.
  var method: String {
    switch self {
    case .started(let method, _, _), .cancelled(let method, _), .finished(let method, _, _): method
    }
  }

  /// The text named by the event.
  var text: String {
    switch self {
    case .started(_, let text, _), .cancelled(_, let text), .finished(_, let text, _): text
    }
  }

  /// Whether this is a `started` event.
  var isStarted: Bool {
    if case .started = self { true } else { false }
  }

  /// Whether this is a `cancelled` event.
  var isCancelled: Bool {
    if case .cancelled = self { true } else { false }
  }
}

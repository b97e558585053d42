internal import SwitchboardFraming

/// One call a client makes, as its connection sees it: what the two call shapes (unary,
/// streaming) share. Subclasses add how requests go out and responses come back.
///
/// Loop-confined to the client's loop; callers reach it through `loop.execute`, hence
/// `@unchecked Sendable`.
class ClientCall: @unchecked Sendable {
  let pool: ConnectionPool
  let method: MethodDescriptor
  let metadata: FrameMetadata
  /// The deadline on the monotonic clock, if any.
  let deadline: Int64?
  /// The connection and stream the current attempt runs on.
  private(set) var connection: ClientConnection?
  private(set) var streamID: UInt32 = 0
  /// Attempts started: a call the server never ran is retried once.
  var attempts = 0
  /// Set once the call has its outcome; nothing more happens to it then.
  private(set) var isFinished = false
  private var deadlineTimer: LoopTimer?

  init(pool: ConnectionPool, method: MethodDescriptor, metadata: FrameMetadata, deadline: Int64?) {
    self.pool = pool
    self.method = method
    self.metadata = metadata
    self.deadline = deadline
  }

  var loop: EventLoop { pool.loop }

  // MARK: For subclasses

  /// Writes what follows CALL_START for this attempt (the request of a unary call).
  func didStart() {}

  /// Takes a MESSAGE frame of the response.
  func receive(_ frame: MessageFrame) throws(FramingError) {}

  /// The call ended with `status` (nil: ok).
  func complete(_ status: RPCError?) {}

  /// Whether a refused attempt may run again: nothing of it was delivered or consumed.
  var canRetry: Bool { true }

  /// The server granted more credit for this call.
  func windowUpdate(_ increment: UInt32) throws(FramingError) {}

  /// Writes queued requests the credit now allows.
  func sendQueued() {}

  // MARK: Lifecycle

  /// Runs this attempt on stream `id` of `connection`: CALL_START, then the subclass's part.
  func start(on connection: ClientConnection, streamID id: UInt32) {
    guard !isFinished else {
      connection.callEnded(id)
      return
    }
    var timeout: UInt64 = 0
    if let deadline {
      let left = deadline - MonotonicClock.now
      guard left > 0 else {
        connection.callEnded(id)
        finish(RPCError(code: .deadlineExceeded, message: "the deadline of \(method.path) passed before the call was sent"))
        return
      }
      timeout = UInt64(max(left / 1000, 1))
      armDeadline()
    }
    self.connection = connection
    streamID = id
    attempts += 1
    connection.write(.callStart(CallStartFrame(
      streamID: id, method: method.path, timeoutMicroseconds: timeout, metadata: metadata)))
    didStart()
  }

  /// Starts the deadline timer unless it runs already: from the moment the pool takes the call,
  /// so that a call still waiting for a connection or for the server's stream limit also ends
  /// on time.
  func armDeadline() {
    guard let deadline, deadlineTimer == nil, !isFinished else { return }
    let left = max(deadline - MonotonicClock.now, 0)
    deadlineTimer = loop.schedule(after: .nanoseconds(left)) { [weak self] in
      self?.cancel(RPCError(code: .deadlineExceeded, message: "the deadline of \(self?.method.path ?? "") passed"))
    }
  }

  /// Ends the call with END's status, or retries it if the server refused it.
  func receiveEnd(_ frame: EndFrame) {
    detach()
    if frame.refused {
      failOrRetry(RPCError(code: .unavailable, message: frame.message), retryable: true)
      return
    }
    let error = RPCError.Code(frameStatus: frame.status).map { RPCError(code: $0, message: frame.message) }
    finish(error)
  }

  /// The server cancelled the call.
  func receiveCancel(_ frame: CancelFrame) {
    detach()
    let code = RPCError.Code(frameStatus: frame.status) ?? .cancelled
    finish(RPCError(code: code, message: "the server cancelled the call"))
  }

  /// The attempt could not run (connection lost, refused, cut by GOAWAY); `retryable` when
  /// the server never ran it.
  func failOrRetry(_ error: RPCError, retryable: Bool) {
    guard !isFinished else { return }
    detach()
    if retryable, attempts < 2, canRetry {
      pool.start(self)
    } else {
      finish(error)
    }
  }

  /// Abandons the call: CANCEL with `error`'s code to the server, `error` to the caller.
  func cancel(_ error: RPCError) {
    guard !isFinished else { return }
    if let connection {
      connection.write(.cancel(CancelFrame(streamID: streamID, status: error.code.frameStatus)))
    }
    detach()
    finish(error)
  }

  /// Settles the call once.
  func finish(_ error: RPCError?) {
    guard !isFinished else { return }
    isFinished = true
    deadlineTimer?.cancel()
    deadlineTimer = nil
    detach()
    complete(error)
  }

  private func detach() {
    guard let connection else { return }
    self.connection = nil
    connection.callEnded(streamID)
  }
}

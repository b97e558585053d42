internal import SwitchboardFraming

/// One call on a server connection: the handler task's view of it (requests in, responses
/// out) and the connection's (frames in, frames out).
///
/// Loop-confined: its mutable state is touched only on `connection.loop`. Handler tasks run
/// on that loop (they are started with it as executor preference); when one is elsewhere
/// anyway, it hops with `loop.execute`. `request` is written once before the handler task
/// starts and only read after. Hence `@unchecked Sendable`.
final class ServerStream: @unchecked Sendable {
  enum State {
    case open
    /// The client sent its last message.
    case halfClosed
    case closed
  }

  let id: UInt32
  let connection: ServerConnection
  let method: ServerMethod
  let context: ServerContext
  var state = State.open
  var inbound: InboundMessages
  var outbound: OutboundMessages
  /// The request of a unary or server-streaming call, set before its handler starts.
  private(set) var request: [UInt8]?
  var task: Task<Void, Never>?
  var deadlineTimer: LoopTimer?
  /// END to send once the queued responses are out.
  private var pendingEnd: RPCError??
  /// Responses written in a row without the handler suspending.
  private var writesWithoutSuspending = 0

  init(id: UInt32, connection: ServerConnection, method: ServerMethod, context: ServerContext) {
    self.id = id
    self.connection = connection
    self.method = method
    self.context = context
    let local = connection.localSettings
    inbound = InboundMessages(
      maxMessageSize: local.maxMessageSize, windowSize: local.initialStreamWindowSize)
    outbound = OutboundMessages(windowSize: connection.peerSettings.initialStreamWindowSize)
  }

  var loop: EventLoop { connection.loop }

  /// Whether requests arrive as a stream (client or bidirectional streaming).
  var streamsRequests: Bool {
    method.descriptor.kind == .clientStreaming || method.descriptor.kind == .bidirectionalStreaming
  }

  // MARK: Frames from the client

  func receive(_ frame: MessageFrame) throws(FramingError) {
    switch try inbound.receive(frame) {
    case .accepted(let grant):
      if let grant { connection.write(.windowUpdate(WindowUpdateFrame(streamID: id, increment: grant))) }
    case .tooLarge(let byteCount):
      finish(RPCError(
        code: .resourceExhausted,
        message: "the request message of \(method.descriptor.path) has at least \(byteCount) bytes; this server accepts at most \(connection.localSettings.maxMessageSize)"))
      return
    }
    if frame.endStream { halfClose() }
  }

  /// The client will send no more requests.
  func halfClose() {
    guard state == .open else { return }
    state = .halfClosed
    if inbound.hasPartialMessage {
      finish(RPCError(code: .internal, message: "the client half-closed in the middle of a message"))
      return
    }
    inbound.finish()
    if !streamsRequests, task == nil {
      guard let only = inbound.takeOnlyMessage() else {
        finish(RPCError(
          code: .internal,
          message: "\(method.descriptor.path) takes exactly one request message; the client sent \(inbound.count)"))
        return
      }
      request = only
      connection.startHandler(self)
    }
  }

  /// The client granted this call more credit.
  func windowUpdate(_ increment: UInt32) throws(FramingError) {
    try outbound.window.grant(increment)
    sendQueued()
  }

  /// Writes queued responses the credit now allows, and the END waiting behind them.
  func sendQueued() {
    guard state != .closed else { return }
    connection.drain(&outbound, streamID: id)
    if outbound.isEmpty, let end = pendingEnd {
      pendingEnd = nil
      finish(end)
    }
  }

  /// The client cancelled: stop the handler, send nothing more.
  func cancelledByClient() {
    close(RPCError(code: .cancelled, message: "the client cancelled the call"))
  }

  /// The deadline passed: stop the handler and tell the client.
  func deadlineExpired() {
    finish(RPCError(code: .deadlineExceeded, message: "the deadline of \(method.descriptor.path) passed before the call completed"))
  }

  // MARK: Ending

  /// Sends END (ok for nil) unless the call already ended, then closes the call. An ok END
  /// waits for queued responses; an error END drops them.
  func finish(_ error: RPCError?) {
    guard state != .closed else { return }
    if error == nil, !outbound.isEmpty {
      pendingEnd = .some(nil)
      return
    }
    let status = error?.code.frameStatus ?? .ok
    connection.write(.end(EndFrame(streamID: id, status: status, message: error?.message ?? "")))
    close(error ?? RPCError(code: .cancelled, message: "the call is over"))
  }

  /// Closes the call without a frame: cancels the handler and fails whoever waits on it.
  func close(_ error: RPCError) {
    guard state != .closed else { return }
    state = .closed
    deadlineTimer?.cancel()
    task?.cancel()
    inbound.fail(error)
    outbound.fail(error)
    connection.streamClosed(self)
  }

  // MARK: The handler's side

  /// The request of a unary or server-streaming call.
  func singleRequest<Request: WireMessage>() throws -> Request {
    do {
      return try Request(serializedBytes: request ?? [])
    } catch {
      throw RPCError(code: .invalidArgument, message: "the request is not a valid \(Request.self): \(error)")
    }
  }

  /// The requests of a streaming call.
  func requests<Request: WireMessage>() -> RPCMessageStream<Request> {
    RPCMessageStream { [self] in
      guard let bytes = try await nextRequest() else { return nil }
      do {
        return try Request(serializedBytes: bytes)
      } catch {
        throw RPCError(code: .invalidArgument, message: "a request is not a valid \(Request.self): \(error)")
      }
    }
  }

  /// A writer of responses.
  func writer<Response: WireMessage>() -> RPCWriter<Response> {
    RPCWriter { [self] message in try await send(message) }
  }

  private func nextRequest() async throws -> [UInt8]? {
    if loop.inEventLoop {
      switch takeRequest() {
      case .message(let bytes, _): return bytes
      case .end: return nil
      case .failed(let error): throw error
      case .wait: break
      }
    }
    return try await withUnsafeThrowingContinuation { continuation in
      loop.executeOrRun { [self] in
        switch takeRequest() {
        case .message(let bytes, _): continuation.resume(returning: bytes)
        case .end: continuation.resume(returning: nil)
        case .failed(let error): continuation.resume(throwing: error)
        case .wait: inbound.wait(continuation)
        }
      }
    }
  }

  private func takeRequest() -> InboundMessages.Next {
    let next = inbound.next()
    if case .message(_, let grant?) = next, state != .closed {
      connection.write(.windowUpdate(WindowUpdateFrame(streamID: id, increment: grant)))
    }
    return next
  }

  /// Sends one response, waiting for credit when there is none.
  func send<Response: WireMessage>(_ message: Response) async throws {
    if loop.inEventLoop {
      if try sendNow(message) {
        // A write within the credit does not suspend, and the handler runs on its
        // connection's loop: a handler streaming fast would hold the loop, and every other
        // connection on it, until its window ran out. Give the loop a turn now and then.
        writesWithoutSuspending += 1
        if writesWithoutSuspending == 32 {
          writesWithoutSuspending = 0
          await Task.yield()
        }
        return
      }
      writesWithoutSuspending = 0
      try await withUnsafeThrowingContinuation { continuation in
        parkLastWriter(continuation)
      }
      return
    }
    let bytes = message.serializedBytes()
    try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
      loop.execute { [self] in
        do throws(RPCError) {
          try enqueue(bytes, waiter: continuation)
        } catch {
          continuation.resume(throwing: error)
        }
      }
    }
  }

  /// On the loop: writes `message` if it fits now (true), else queues it to wait for credit.
  private func sendNow<Response: WireMessage>(_ message: Response) throws(RPCError) -> Bool {
    try checkWritable()
    let size = message.serializedSize()
    try checkSize(size)
    if connection.writeMessageDirectly(
      message, size: size, streamID: id, endStream: false, outbound: &outbound)
    {
      return true
    }
    try enqueue(message.serializedBytes(), waiter: nil)
    return outbound.isEmpty
  }

  private func enqueue(_ bytes: [UInt8], waiter: UnsafeContinuation<Void, any Error>?) throws(RPCError) {
    try checkWritable()
    try checkSize(bytes.count)
    outbound.pending.append(.init(bytes: bytes, sent: 0, endStream: false, waiter: waiter))
    sendQueued()
  }

  private func parkLastWriter(_ continuation: UnsafeContinuation<Void, any Error>) {
    if outbound.pending.isEmpty {
      if state == .closed {
        continuation.resume(throwing: RPCError(code: .cancelled, message: "the call is over"))
      } else {
        continuation.resume()
      }
    } else {
      outbound.pending[outbound.pending.count - 1].waiter = continuation
    }
  }

  private func checkWritable() throws(RPCError) {
    guard state != .closed else {
      throw RPCError(code: .cancelled, message: "the call is over; nothing more can be sent")
    }
  }

  private func checkSize(_ size: Int) throws(RPCError) {
    let limit = connection.peerSettings.maxMessageSize
    guard size <= limit else {
      throw RPCError(
        code: .resourceExhausted,
        message: "the response of \(method.descriptor.path) has \(size) bytes; the client accepts at most \(limit)")
    }
  }
}

internal import SwitchboardFraming
internal import Synchronization

/// A streaming call: requests from a writer (or one request given up front), responses into a
/// message stream the caller reads, each way under flow control.
final class StreamingClientCall<Request: WireMessage, Response: WireMessage>: ClientCall, @unchecked Sendable {
  /// The one request of a server-streaming call, sent with CALL_START.
  let firstRequest: Request?
  private var inbound = InboundMessages(maxMessageSize: .max, windowSize: 0)
  /// Requests waiting for credit, or for the call to start.
  private var outbound = OutboundMessages(windowSize: 0)
  private var started = false
  /// The writer finished: HALF_CLOSE once the queued requests are out.
  private var halfClosePending = false
  private var halfClosed = false
  /// Requests or responses crossed the wire, so a retry could repeat or lose them.
  private var exchangedMessages = false
  /// Set on the loop when the request producer's failure is what ended the call; read by the
  /// caller once the outcome has reached it.
  private let endedByProducer = Atomic(false)

  init(pool: ConnectionPool, method: MethodDescriptor, metadata: FrameMetadata, deadline: Int64?, firstRequest: Request?) {
    self.firstRequest = firstRequest
    super.init(pool: pool, method: method, metadata: metadata, deadline: deadline)
  }

  override func didStart() {
    guard let connection else { return }
    started = true
    // The caller may be waiting for a response already: it starts reading as soon as the call
    // is made, before the connection is up or before a refused call's retry starts. Hand that
    // reader to the attempt's message state, or nothing would ever wake it.
    let reader = inbound.takeWaiter()
    inbound = InboundMessages(
      maxMessageSize: connection.localSettings.maxMessageSize,
      windowSize: connection.localSettings.initialStreamWindowSize)
    if let reader { inbound.wait(reader) }
    outbound.window = FlowControlWindow(initialSize: connection.peerSettings.initialStreamWindowSize)
    if let firstRequest {
      outbound.pending = []  // a retried attempt sends its request afresh
      outbound.pending.insert(.init(bytes: firstRequest.serializedBytes(), sent: 0, endStream: true, waiter: nil), at: 0)
      halfClosed = true
    }
    sendQueued()
  }

  override var canRetry: Bool { !exchangedMessages }

  override func receive(_ frame: MessageFrame) throws(FramingError) {
    exchangedMessages = true
    switch try inbound.receive(frame) {
    case .accepted(let grant):
      if let grant, let connection {
        connection.write(.windowUpdate(WindowUpdateFrame(streamID: streamID, increment: grant)))
      }
    case .tooLarge(let byteCount):
      cancel(RPCError(code: .resourceExhausted, message: "a response of \(method.path) has at least \(byteCount) bytes; this client accepts at most \(connection?.localSettings.maxMessageSize ?? 0)"))
    }
  }

  override func windowUpdate(_ increment: UInt32) throws(FramingError) {
    try outbound.window.grant(increment)
    sendQueued()
  }

  override func sendQueued() {
    guard let connection, started else { return }
    if !outbound.isEmpty {
      if firstRequest == nil { exchangedMessages = true }
      connection.drain(&outbound, streamID: streamID)
    }
    if outbound.isEmpty, halfClosePending, !halfClosed {
      halfClosed = true
      connection.write(.halfClose(HalfCloseFrame(streamID: streamID)))
    }
  }

  override func complete(_ status: RPCError?) {
    let error = status ?? RPCError(code: .cancelled, message: "the call is over; nothing more can be sent")
    outbound.fail(error)
    if let status { inbound.fail(status) } else { inbound.finish() }
  }

  // MARK: The caller's side (loop thread)

  /// Queues a request; resumes `waiter` once it is on the wire.
  func enqueue(_ bytes: [UInt8], waiter: UnsafeContinuation<Void, any Error>) {
    guard !isFinished, !halfClosePending else {
      waiter.resume(throwing: RPCError(code: .cancelled, message: "the call is over; nothing more can be sent"))
      return
    }
    // A request the server would refuse for its size fails here, unsent: the server's answer
    // would be the same, after the bytes had crossed the network for nothing.
    if let limit = connection?.peerSettings.maxMessageSize, bytes.count > limit {
      let error = RPCError(
        code: .resourceExhausted,
        message: "a request of \(method.path) has \(bytes.count) bytes; the server accepts at most \(limit)")
      waiter.resume(throwing: error)
      cancel(error)
      return
    }
    outbound.pending.append(.init(bytes: bytes, sent: 0, endStream: false, waiter: waiter))
    sendQueued()
  }

  /// The writer is done: half-close after the queued requests.
  func finishRequests() {
    guard !isFinished else { return }
    halfClosePending = true
    sendQueued()
  }

  /// Takes the next response, or parks `continuation` until one arrives.
  func nextResponse(_ continuation: UnsafeContinuation<[UInt8]?, any Error>) {
    switch inbound.next() {
    case .message(let bytes, let grant):
      if let grant, let connection, !isFinished {
        connection.write(.windowUpdate(WindowUpdateFrame(streamID: streamID, increment: grant)))
      }
      continuation.resume(returning: bytes)
    case .end: continuation.resume(returning: nil)
    case .failed(let error): continuation.resume(throwing: error)
    case .wait:
      if isFinished {
        continuation.resume(returning: nil)
      } else {
        inbound.wait(continuation)
      }
    }
  }

  // MARK: Typed views for the caller

  /// The writer a request producer gets.
  func writer() -> RPCWriter<Request> {
    RPCWriter { [self] message in
      let bytes = message.serializedBytes()
      try await withUnsafeThrowingContinuation { continuation in
        loop.executeOrRun { self.enqueue(bytes, waiter: continuation) }
      }
    }
  }

  /// The responses as the caller reads them.
  func responses() -> RPCMessageStream<Response> {
    RPCMessageStream { [self] in
      let bytes = try await withUnsafeThrowingContinuation { continuation in
        loop.executeOrRun { self.nextResponse(continuation) }
      }
      guard let bytes else { return nil }
      do {
        return try Response(serializedBytes: bytes)
      } catch {
        let failure = RPCError(code: .internal, message: "a response is not a valid \(Response.self): \(error)")
        loop.executeOrRun { self.cancel(failure) }
        throw failure
      }
    }
  }

  /// Ends the requests once the producer returns.
  func closeRequests() {
    loop.executeOrRun { self.finishRequests() }
  }

  /// The request producer threw: cancels the call for that reason, unless it is already over
  /// (then the producer most likely failed because it was).
  func producerFailed(_ error: any Error) {
    loop.executeOrRun { [self] in
      guard !isFinished else { return }
      endedByProducer.store(true, ordering: .releasing)
      cancel(RPCError(code: .cancelled, message: "the request producer failed: \(error)"))
    }
  }

  /// Whether the producer's failure ended the call, so that it explains the outcome best.
  var wasEndedByProducer: Bool { endedByProducer.load(ordering: .acquiring) }

  /// Cancels the call from any thread unless it is over.
  func cancelFromAnyThread(_ error: RPCError) {
    loop.executeOrRun { self.cancel(error) }
  }
}

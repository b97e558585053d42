internal import SwitchboardFraming

/// A unary call: the request goes out with CALL_START, the response is decoded when END
/// arrives and resumes the caller.
final class UnaryClientCall<Request: WireMessage, Response: WireMessage>: ClientCall, @unchecked Sendable {
  let request: Request
  private var continuation: UnsafeContinuation<Response, any Error>?
  /// How the call ended before its caller waited: cancelled before it began.
  private var earlyStatus: RPCError?
  private var inbound: InboundMessages?
  private var outbound = OutboundMessages(windowSize: 0)

  init(pool: ConnectionPool, method: MethodDescriptor, metadata: FrameMetadata, deadline: Int64?, request: Request) {
    self.request = request
    super.init(pool: pool, method: method, metadata: metadata, deadline: deadline)
  }

  /// Starts the call for the caller waiting on `continuation`, unless it is already over.
  func begin(_ continuation: UnsafeContinuation<Response, any Error>) {
    guard !isFinished else {
      continuation.resume(
        throwing: earlyStatus ?? RPCError(code: .cancelled, message: "the caller cancelled the call"))
      return
    }
    self.continuation = continuation
    pool.start(self)
  }

  override func didStart() {
    guard let connection else { return }
    let settings = connection.peerSettings
    inbound = InboundMessages(
      maxMessageSize: connection.localSettings.maxMessageSize,
      windowSize: connection.localSettings.initialStreamWindowSize)
    outbound = OutboundMessages(windowSize: settings.initialStreamWindowSize)
    let size = request.serializedSize()
    guard size <= settings.maxMessageSize else {
      cancel(RPCError(code: .resourceExhausted, message: "the request of \(method.path) has \(size) bytes; the server accepts at most \(settings.maxMessageSize)"))
      return
    }
    if !connection.writeMessageDirectly(request, size: size, streamID: streamID, endStream: true, outbound: &outbound) {
      outbound.pending.append(.init(bytes: request.serializedBytes(), sent: 0, endStream: true, waiter: nil))
      connection.drain(&outbound, streamID: streamID)
    }
  }

  override func receive(_ frame: MessageFrame) throws(FramingError) {
    guard inbound != nil else { return }
    switch try inbound!.receive(frame) {
    case .accepted(let grant):
      // Credit for the pieces of a response larger than the window: without it the server
      // stops once the window is spent and the call stalls until its deadline.
      if let grant, let connection {
        connection.write(.windowUpdate(WindowUpdateFrame(streamID: streamID, increment: grant)))
      }
    case .tooLarge(let byteCount):
      cancel(RPCError(code: .resourceExhausted, message: "the response of \(method.path) has at least \(byteCount) bytes; this client accepts at most \(connection?.localSettings.maxMessageSize ?? 0)"))
    }
  }

  override func windowUpdate(_ increment: UInt32) throws(FramingError) {
    try outbound.window.grant(increment)
    sendQueued()
  }

  override func sendQueued() {
    guard let connection, !outbound.isEmpty else { return }
    connection.drain(&outbound, streamID: streamID)
  }

  override var canRetry: Bool { true }

  override func complete(_ status: RPCError?) {
    guard let continuation else {
      earlyStatus = status
      return
    }
    self.continuation = nil
    outbound.pending = []
    if let status {
      continuation.resume(throwing: status)
      return
    }
    guard let bytes = inbound?.takeOnlyMessage() else {
      continuation.resume(throwing: RPCError(code: .internal, message: "\(method.path) ended without exactly one response message"))
      return
    }
    do {
      continuation.resume(returning: try Response(serializedBytes: bytes))
    } catch {
      continuation.resume(throwing: RPCError(code: .internal, message: "the response is not a valid \(Response.self): \(error)"))
    }
  }
}

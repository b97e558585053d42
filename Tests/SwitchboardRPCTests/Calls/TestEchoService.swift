import RPCTestSchema
import SwitchboardRPC

/// The `Echo` service the call tests serve: it honours the knobs of `EchoRequest` and records
/// what its handlers saw in ``recorder``.
///
/// - `delay_ms`: a unary handler waits this long before answering; a streaming handler waits
///   this long after each response but the last (`Expand`) or before answering each request
///   (`Collect`, `Update`). The wait is a `Task.sleep`, so cancellation cuts it short.
/// - `fail_code`, `fail_message`: the handler throws `RPCError(code:message:)`; `Expand` does
///   so after its `count` responses, the others on the request that asks for it.
///   ``secretFailureCode`` throws a ``TestEchoSecretFailure`` holding `fail_message` instead.
/// - `count`: the number of responses of `Expand`.
/// - `response_size`: every response carries that many payload bytes (otherwise the
///   request's payload comes back).
/// - The metadata entry ``detailKey`` picks what `detail` reports: a metadata value
///   (`metadata:KEY`), ``peerDetail`` or ``remainingTimeDetail`` (microseconds, or `none`).
struct TestEchoService: EchoService {
  /// The metadata key whose value chooses what `detail` reports.
  static let detailKey = "echo-detail"
  /// `detail` reports the caller's address.
  static let peerDetail = "peer"
  /// `detail` reports the microseconds left before the deadline, or `none`.
  static let remainingTimeDetail = "remaining"
  /// The `fail_code` that makes a handler throw an error that is not an `RPCError`.
  static let secretFailureCode: Int32 = -1
  /// Options whose calls report the caller's address in `detail`: over TCP, the same address
  /// means the same connection.
  static let reportingPeer = CallOptions(metadata: [detailKey: peerDetail])

  /// What the handlers did.
  let recorder = TestEchoRecorder()

  func get(_ request: EchoRequest, context: ServerContext) async throws -> EchoResponse {
    try await observe("Get", firstText: request.text, context) { _ in
      try await pause(request.delayMs)
      try fail(as: request)
      return response(to: request, index: 0, context)
    }
  }

  func expand(
    _ request: EchoRequest, writer: RPCWriter<EchoResponse>, context: ServerContext
  ) async throws {
    try await observe("Expand", firstText: request.text, context) { _ in
      for index in 0..<max(request.count, 0) {
        if index > 0 { try await pause(request.delayMs) }
        try await writer.write(response(to: request, index: index, context))
      }
      try fail(as: request)
    }
  }

  func collect(
    _ requests: RPCMessageStream<EchoRequest>, context: ServerContext
  ) async throws -> EchoResponse {
    try await observe("Collect", firstText: nil, context) { trace in
      var texts: [String] = []
      var payload: [UInt8] = []
      for try await request in requests {
        if texts.isEmpty { trace.start(text: request.text) }
        texts.append(request.text)
        payload += request.payload
        try await pause(request.delayMs)
        try fail(as: request)
      }
      if texts.isEmpty { trace.start(text: "") }
      let summary = EchoRequest(text: texts.joined(separator: " "), payload: payload)
      return response(to: summary, index: Int32(texts.count), context)
    }
  }

  func update(
    _ requests: RPCMessageStream<EchoRequest>, writer: RPCWriter<EchoResponse>,
    context: ServerContext
  ) async throws {
    try await observe("Update", firstText: nil, context) { trace in
      var index: Int32 = 0
      for try await request in requests {
        if index == 0 { trace.start(text: request.text) }
        try await pause(request.delayMs)
        try fail(as: request)
        try await writer.write(response(to: request, index: index, context))
        index += 1
      }
      if index == 0 { trace.start(text: "") }
    }
  }

  // MARK: Knobs

  private func pause(_ milliseconds: Int32) async throws {
    if milliseconds > 0 { try await Task.sleep(for: .milliseconds(milliseconds)) }
  }

  private func fail(as request: EchoRequest) throws {
    switch request.failCode {
    case 0: return
    case Self.secretFailureCode: throw TestEchoSecretFailure(secret: request.failMessage)
    case let code:
      throw RPCError(
        code: RPCError.Code(rawValue: UInt32(clamping: code)) ?? .unknown,
        message: request.failMessage)
    }
  }

  private func response(to request: EchoRequest, index: Int32, _ context: ServerContext)
    -> EchoResponse
  {
    let payload =
      request.responseSize > 0
      ? [UInt8](repeating: 0x5A, count: Int(request.responseSize)) : request.payload
    return EchoResponse(
      text: request.text, payload: payload, index: index, detail: detail(context))
  }

  private func detail(_ context: ServerContext) -> String {
    switch context.metadata[Self.detailKey] {
    case nil: return ""
    case Self.peerDetail?: return context.peer
    case Self.remainingTimeDetail?:
      guard let remaining = context.remainingTime else { return "none" }
      let (seconds, attoseconds) = remaining.components
      return String(seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
    case let choice?:
      guard choice.hasPrefix("metadata:") else { return "unknown detail \(choice)" }
      let key = String(choice.dropFirst("metadata:".count))
      return context.metadata.values(forKey: key).joined(separator: ",")
    }
  }

  // MARK: Recording

  /// Runs a handler's body, recording its start (when `firstText` is known up front), whether
  /// its task was cancelled, and how it ended.
  private func observe<Result: Sendable>(
    _ method: String, firstText: String?, _ context: ServerContext,
    _ body: (TestEchoCallTrace) async throws -> Result
  ) async throws -> Result {
    let trace = TestEchoCallTrace(recorder: recorder, method: method, peer: context.peer)
    if let firstText { trace.start(text: firstText) }
    do {
      let result = try await withTaskCancellationHandler {
        try await body(trace)
      } onCancel: {
        trace.cancelled()
      }
      trace.finished(code: nil)
      return result
    } catch {
      trace.finished(code: Int32(RPCError.reported(for: error).code.rawValue))
      throw error
    }
  }
}

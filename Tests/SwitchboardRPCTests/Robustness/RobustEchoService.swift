import RPCTestSchema
import SwitchboardRPC
import Synchronization

/// The Echo service the robustness tests serve, obeying the request's knobs (`delay_ms`,
/// `fail_code`, `count`, `response_size`) and recording what its handlers did, so a test
/// awaits an event ("three handlers started") rather than sleeping.
final class RobustEchoService: EchoService {
  /// Handlers that began.
  let started = RobustCounter()
  /// Handlers that returned or threw.
  let finished = RobustCounter()
  /// Handlers that ended by cancellation (their task was cancelled while they waited).
  let cancelled = RobustCounter()
  /// Responses an `Expand` handler's writer accepted.
  let writesCompleted = RobustCounter()
  /// Requests a `Collect` handler took from its stream.
  let requestsRead = RobustCounter()
  /// A `Collect` handler that read a request with text `pause` waits for this to reach 1.
  let resumeReading = RobustCounter()
  /// Handlers running at once.
  let concurrency = RobustGauge()
  private let peerLog = Mutex<[String]>([])

  init() {}

  /// The `peer` of each `Get` call, in order: a new port means a new connection.
  var peers: [String] { peerLog.withLock { $0 } }

  func get(_ request: EchoRequest, context: ServerContext) async throws -> EchoResponse {
    try await tracked {
      peerLog.withLock { $0.append(context.peer) }
      try await Self.obeyKnobs(request)
      return EchoResponse(
        text: request.text, payload: Self.payload(size: Int(request.responseSize), seed: 0),
        detail: context.peer)
    }
  }

  func expand(
    _ request: EchoRequest, writer: RPCWriter<EchoResponse>, context: ServerContext
  ) async throws {
    try await tracked {
      try await Self.obeyKnobs(request)
      for index in 0..<Int(request.count) {
        let payload = Self.payload(size: Int(request.responseSize), seed: index)
        try await writer.write(
          EchoResponse(text: request.text, payload: payload, index: Int32(index)))
        writesCompleted.increment()
      }
    }
  }

  /// Answers with the number of requests in `text`, their payload bytes in `detail`, and in
  /// `index` the position of the first request whose `count` was not its position (-1: none).
  func collect(
    _ requests: RPCMessageStream<EchoRequest>, context: ServerContext
  ) async throws -> EchoResponse {
    try await tracked {
      var received = 0
      var bytes = 0
      var firstOutOfOrder: Int32 = -1
      for try await request in requests {
        requestsRead.increment()
        if request.count != Int32(received), firstOutOfOrder < 0 {
          firstOutOfOrder = Int32(received)
        }
        if request.payload != Self.payload(size: request.payload.count, seed: Int(request.count)),
          firstOutOfOrder < 0
        {
          firstOutOfOrder = Int32(received)
        }
        received += 1
        bytes += request.payload.count
        if request.text == "pause" { _ = await resumeReading.wait(atLeast: 1) }
        try await Self.obeyKnobs(request)
      }
      return EchoResponse(text: "\(received)", index: firstOutOfOrder, detail: "\(bytes)")
    }
  }

  func update(
    _ requests: RPCMessageStream<EchoRequest>, writer: RPCWriter<EchoResponse>,
    context: ServerContext
  ) async throws {
    try await tracked {
      var index: Int32 = 0
      for try await request in requests {
        try await Self.obeyKnobs(request)
        try await writer.write(
          EchoResponse(text: request.text, payload: request.payload, index: index))
        index += 1
      }
    }
  }

  /// Runs a handler body, counting it and whether cancellation ended it.
  private func tracked<Result>(_ body: () async throws -> Result) async throws -> Result {
    started.increment()
    concurrency.enter()
    defer {
      concurrency.leave()
      finished.increment()
    }
    do {
      return try await body()
    } catch is CancellationError {
      cancelled.increment()
      throw CancellationError()
    }
  }

  /// Waits `delay_ms`, then fails with `fail_code` if it is set.
  private static func obeyKnobs(_ request: EchoRequest) async throws {
    if request.delayMs > 0 {
      try await Task.sleep(for: .milliseconds(Int(request.delayMs)))
    }
    if request.failCode != 0 {
      let code = RPCError.Code(rawValue: UInt32(request.failCode)) ?? .unknown
      throw RPCError(code: code, message: request.failMessage)
    }
  }

  /// `size` bytes that differ by `seed`, so a reordered or mixed-up message shows.
  static func payload(size: Int, seed: Int) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: max(size, 0)) { bytes, initialized in
      for index in bytes.indices {
        bytes[index] = UInt8(truncatingIfNeeded: index &* 31 &+ seed &* 7)
      }
      initialized = bytes.count
    }
  }
}

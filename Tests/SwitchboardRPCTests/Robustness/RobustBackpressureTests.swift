import RPCTestSchema
import SwitchboardFraming
import SwitchboardRPC
import Testing

/// Flow control and the stream limit over a real socket: a reader that stops makes the writer
/// on the other side wait, memory stays bounded by the window, nothing is lost or reordered
/// when reading resumes, and messages larger than a window or a frame still get through.
@Suite("Robustness: backpressure and limits", .timeLimit(.minutes(1)))
struct RobustBackpressureTests {
  /// The per-call window the reading side announces: small, so a few messages fill it.
  static let window = 64 * 1024
  /// The size of each message's payload: eight fill the window.
  static let messageSize = 8 * 1024
  /// Writes that may complete while the reader has stopped: the window's worth, one for the
  /// message the reader took, and one of slack.
  static let writesBound = window / messageSize + 2

  @Test("a client that stops reading a server stream makes the handler's writer wait")
  func serverStreamBackpressure() async throws {
    let service = RobustEchoService()
    try await RobustServer.with(service: service) { server in
      let client = server.client { $0.limits.streamWindowSize = Self.window }
      defer { client.close() }
      let count = 64
      let request = EchoRequest(count: Int32(count), responseSize: Int32(Self.messageSize))
      let indices = try await robustWithin(robustPatience, "the server stream") {
        try await EchoClient(wrapping: client).expand(request) { responses in
          var iterator = responses.makeAsyncIterator()
          var indices: [Int32] = []
          if let first = try await iterator.next() { indices.append(first.index) }
          // The reader stops. The handler fills the window; then its writer must wait.
          #expect(await service.writesCompleted.wait(atLeast: Self.window / Self.messageSize - 1))
          // Time for a writer that ignored flow control to run far ahead.
          try await Task.sleep(for: .milliseconds(200))
          let written = service.writesCompleted.value
          #expect(written <= Self.writesBound, "\(written) of \(count) writes went through")
          while let response = try await iterator.next() {
            #expect(
              response.payload
                == RobustEchoService.payload(size: Self.messageSize, seed: Int(response.index)))
            indices.append(response.index)
          }
          return indices
        }
      }
      #expect(indices == Array(0..<Int32(count)))
      #expect(service.writesCompleted.value == count)
    }
  }

  @Test("a handler that stops reading a client stream makes the caller's writer wait")
  func clientStreamBackpressure() async throws {
    let service = RobustEchoService()
    let configuration = RPCServer.Configuration.robust { $0.limits.streamWindowSize = Self.window }
    try await RobustServer.with(service: service, configuration: configuration) { server in
      let client = server.client()
      defer { client.close() }
      let count = 64
      let written = RobustCounter()
      let call = Task {
        try await robustWithin(robustPatience, "the client stream") {
          try await EchoClient(wrapping: client).collect { writer in
            for index in 0..<count {
              // The handler stops reading after the first request, the one saying "pause".
              try await writer.write(
                EchoRequest(
                  text: index == 0 ? "pause" : "",
                  payload: RobustEchoService.payload(size: Self.messageSize, seed: index),
                  count: Int32(index)))
              written.increment()
            }
          }
        }
      }
      #expect(await service.requestsRead.wait(atLeast: 1))
      #expect(await written.wait(atLeast: Self.window / Self.messageSize - 1))
      try await Task.sleep(for: .milliseconds(200))
      #expect(written.value <= Self.writesBound, "\(written.value) of \(count) writes went through")
      #expect(service.requestsRead.value == 1)
      service.resumeReading.increment()
      let response = try await call.value
      #expect(response.text == "\(count)")
      #expect(response.index == -1, "request \(response.index) arrived out of order or damaged")
      #expect(response.detail == "\(count * Self.messageSize)")
    }
  }

  /// Which way a large message goes.
  enum Direction: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case unaryResponse, unaryRequest, serverStream, clientStream, bothWays
    var testDescription: String { rawValue }
  }

  @Test(
    "messages several times the window and the frame size get through",
    arguments: Direction.allCases)
  func largeMessages(_ direction: Direction) async throws {
    // 300 KB: over four 64 KiB windows, about nineteen 16 KiB frames.
    let size = 300 * 1024
    let configuration = RPCServer.Configuration.robust { $0.limits.streamWindowSize = Self.window }
    try await RobustServer.with(configuration: configuration) { server in
      let client = server.client { $0.limits.streamWindowSize = Self.window }
      defer { client.close() }
      let echo = EchoClient(wrapping: client)
      let options = CallOptions(timeout: robustPatience)
      try await robustWithin(robustPatience, "large messages, \(direction)") {
        switch direction {
        case .unaryResponse:
          let response = try await echo.get(
            EchoRequest(responseSize: Int32(size)), options: options)
          #expect(response.payload == RobustEchoService.payload(size: size, seed: 0))
        case .unaryRequest:
          let payload = RobustEchoService.payload(size: size, seed: 0)
          let response = try await echo.get(
            EchoRequest(text: "big", payload: payload), options: options)
          #expect(response.text == "big")
        case .serverStream:
          let request = EchoRequest(count: 4, responseSize: Int32(size))
          let payloads = try await echo.expand(request, options: options) { responses in
            try await responses.reduce(into: [[UInt8]]()) { $0.append($1.payload) }
          }
          #expect(payloads == (0..<4).map { RobustEchoService.payload(size: size, seed: $0) })
        case .clientStream:
          let response = try await echo.collect(options: options) { writer in
            for index in 0..<4 {
              try await writer.write(
                EchoRequest(
                  payload: RobustEchoService.payload(size: size, seed: index), count: Int32(index)))
            }
          }
          #expect(response.text == "4")
          #expect(response.index == -1)
        case .bothWays:
          let payloads = try await echo.update(options: options) { writer in
            for index in 0..<4 {
              try await writer.write(
                EchoRequest(payload: RobustEchoService.payload(size: size, seed: index)))
            }
          } onResponse: { responses in
            try await responses.reduce(into: [[UInt8]]()) { $0.append($1.payload) }
          }
          #expect(payloads == (0..<4).map { RobustEchoService.payload(size: size, seed: $0) })
        }
      }
    }
  }

  @Test("calls beyond the server's stream limit wait their turn on the connection and all complete")
  func streamLimit() async throws {
    let service = RobustEchoService()
    let configuration = RPCServer.Configuration.robust { $0.maxConcurrentStreams = 2 }
    try await RobustServer.with(service: service, configuration: configuration) { server in
      let client = server.client()
      defer { client.close() }
      let echo = EchoClient(wrapping: client)
      // Connect first, so that all five calls meet the announced limit on one connection.
      _ = try await echo.get(EchoRequest(text: "warm up"))
      let texts = try await withThrowingTaskGroup(of: String.self) { group in
        for index in 0..<5 {
          group.addTask {
            try await echo.get(EchoRequest(text: "call \(index)", delayMs: 150)).text
          }
        }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      #expect(texts.sorted() == (0..<5).map { "call \($0)" })
      #expect(service.concurrency.highest <= 2)
      #expect(Set(service.peers).count == 1, "the calls used several connections: \(service.peers)")
    }
  }

  @Test("a client that ignores the stream limit has its extra call refused, safe to retry")
  func streamLimitRefusal() async throws {
    let service = RobustEchoService()
    let configuration = RPCServer.Configuration.robust { $0.maxConcurrentStreams = 2 }
    try await RobustServer.with(service: service, configuration: configuration) { server in
      let raw = try RobustRawConnection(connectingTo: server.port)
      let settings = try await raw.clientHandshake()
      #expect(settings.parameters.contains(SettingParameter(.maxConcurrentStreams, 2)))
      // Client-streaming calls stay open until the client half-closes them.
      let collect = Echo.Method.Collect.descriptor.path
      try raw.send(
        .callStart(CallStartFrame(streamID: 1, method: collect)),
        .callStart(CallStartFrame(streamID: 3, method: collect)),
        .callStart(CallStartFrame(streamID: 5, method: collect)))
      let refusal = try await raw.nextFrameIgnoringSettingsAcks()
      guard case .end(let refused) = refusal else {
        Issue.record("expected END on stream 5, got \(String(describing: refusal))")
        return
      }
      #expect(refused.streamID == 5)
      #expect(refused.refused)
      #expect(refused.status == .unavailable)
      #expect(await service.started.wait(atLeast: 2))
      // Once a call has ended (its response, then END), the next one runs.
      try raw.send(.halfClose(HalfCloseFrame(streamID: 1)))
      #expect(try await Self.endOfCall(1, on: raw) == .ok)
      try raw.send(
        .callStart(CallStartFrame(streamID: 7, method: collect)),
        .halfClose(HalfCloseFrame(streamID: 7)))
      #expect(try await Self.endOfCall(7, on: raw) == .ok)
      #expect(service.started.value == 3)
      #expect(service.concurrency.highest <= 2)
    }
  }

  /// Reads `raw` up to the END of stream `streamID` and returns its status; nil if it was
  /// refused or the connection closed first.
  static func endOfCall(_ streamID: UInt32, on raw: RobustRawConnection) async throws
    -> FrameStatusCode?
  {
    while let frame = try await raw.nextFrameIgnoringSettingsAcks() {
      if case .end(let end) = frame, end.streamID == streamID {
        return end.refused ? nil : end.status
      }
    }
    return nil
  }

  @Test("a streaming call that is a new client's first call gets its responses")
  func streamingFirstCall() async throws {
    try await RobustServer.with { server in
      // The reader starts waiting before the connection is even up.
      let client = server.client()
      defer { client.close() }
      let indices = try await robustWithin(robustPatience, "the first call's responses") {
        try await EchoClient(wrapping: client).expand(EchoRequest(count: 3)) { responses in
          try await responses.reduce(into: [Int32]()) { $0.append($1.index) }
        }
      }
      #expect(indices == [0, 1, 2])
    }
  }
}

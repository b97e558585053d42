import RPCTestSchema
import SwitchboardRPC
import Testing

/// Deadlines end calls on time on both sides and travel to the handler.
@Suite("Deadlines", .timeLimit(.minutes(1)))
struct DeadlineTests {
  @Test(
    "a unary call past its deadline fails quickly and cancels the handler",
    arguments: TestTransport.allCases)
  func unaryDeadline(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      let clock = ContinuousClock()
      let start = clock.now
      let error = await #expect(throws: RPCError.self) {
        try await harness.echo.get(
          EchoRequest(text: "slow", delayMs: 20_000),
          options: CallOptions(timeout: .milliseconds(500)))
      }
      #expect(error?.code == .deadlineExceeded)
      #expect(
        clock.now - start < .seconds(5), "the call waited for the handler instead of its deadline")
      try await harness.recorder.first { $0 == .cancelled(method: "Get", text: "slow") }
    }
  }

  @Test(
    "a server-streaming call past its deadline fails after the responses that made it",
    arguments: TestTransport.allCases)
  func serverStreamingDeadline(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      let clock = ContinuousClock()
      let start = clock.now
      var received: [Int32] = []
      let error = await #expect(throws: RPCError.self) {
        try await harness.echo.expand(
          EchoRequest(text: "trickle", delayMs: 20_000, count: 2),
          options: CallOptions(timeout: .seconds(1))
        ) { responses in
          for try await response in responses { received.append(response.index) }
        }
      }
      #expect(error?.code == .deadlineExceeded)
      #expect(received == [0])
      #expect(clock.now - start < .seconds(5))
      try await harness.recorder.first { $0 == .cancelled(method: "Expand", text: "trickle") }
    }
  }

  @Test("a bidirectional call past its deadline fails and cancels the handler")
  func bidirectionalDeadline() async throws {
    try await withEchoServer { harness in
      let error = await #expect(throws: RPCError.self) {
        try await harness.echo.update(options: CallOptions(timeout: .seconds(1))) { writer in
          try await writer.write(EchoRequest(text: "stuck", delayMs: 20_000))
        } onResponse: { responses in
          for try await _ in responses {}
        }
      }
      #expect(error?.code == .deadlineExceeded)
      // Cancelled while it waits for the request or in the delay the request asked for: on a
      // loaded machine the request may not have reached it within the deadline.
      try await harness.recorder.first { $0.isCancelled && $0.method == "Update" }
    }
  }

  @Test(
    "the handler sees the time left before the caller's deadline", arguments: TestTransport.allCases
  )
  func deadlinePropagates(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      var options = CallOptions(timeout: .seconds(10))
      options.metadata[TestEchoService.detailKey] = TestEchoService.remainingTimeDetail
      let remaining = try await harness.echo.get(EchoRequest(text: "when"), options: options)
      let microseconds = try #require(Int64(remaining.detail))
      #expect(microseconds > 0)
      #expect(microseconds <= 10_000_000)
      #expect(microseconds > 5_000_000, "most of the 10 s should be left on a fast loopback call")

      // An absolute deadline travels the same way; the earlier of timeout and deadline wins.
      options.timeout = .seconds(30)
      options.deadline = .now + .seconds(3)
      let earlier = try await harness.echo.get(EchoRequest(text: "when"), options: options)
      let earlierMicroseconds = try #require(Int64(earlier.detail))
      #expect(earlierMicroseconds > 0 && earlierMicroseconds <= 3_000_000)

      var unbounded = CallOptions()
      unbounded.metadata[TestEchoService.detailKey] = TestEchoService.remainingTimeDetail
      let none = try await harness.echo.get(EchoRequest(text: "whenever"), options: unbounded)
      #expect(none.detail == "none")
    }
  }

  @Test("a call queued behind the server's stream limit still fails at its deadline")
  func deadlineWhileQueued() async throws {
    var server = RPCServer.Configuration()
    server.maxConcurrentStreams = 1
    try await withEchoServer(server: server) { harness in
      let occupying = Task {
        try await harness.echo.get(EchoRequest(text: "hog", delayMs: 20_000))
      }
      defer { occupying.cancel() }
      try await harness.recorder.first { $0.isStarted && $0.text == "hog" }
      let clock = ContinuousClock()
      let start = clock.now
      let error = await #expect(throws: RPCError.self) {
        try await harness.echo.get(
          EchoRequest(text: "queued"), options: CallOptions(timeout: .milliseconds(200)))
      }
      #expect(error?.code == .deadlineExceeded)
      #expect(clock.now - start < .seconds(5), "the queued call outlived its deadline")
    }
  }

  @Test("a deadline already past fails the call without running the handler")
  func deadlineAlreadyPast() async throws {
    try await withEchoServer { harness in
      let error = await #expect(throws: RPCError.self) {
        try await harness.echo.get(
          EchoRequest(text: "late"), options: CallOptions(deadline: .now - .seconds(1)))
      }
      #expect(error?.code == .deadlineExceeded)
      // A later call on the same client completes, and is the first the handler ever saw.
      _ = try await harness.echo.get(EchoRequest(text: "on time"))
      #expect(harness.recorder.events.first { $0.isStarted }?.text == "on time")
    }
  }
}

import RPCTestSchema
import SwitchboardRPC
import Testing

/// Cancelling the task that makes a call ends it on both sides.
@Suite("Cancellation", .timeLimit(.minutes(1)))
struct CancellationTests {
  /// Whether `error` is what the runtime documents for a caller's cancellation: `cancelled`.
  static func isCancellation(_ error: (any Error)?) -> Bool {
    (error as? RPCError)?.code == .cancelled
  }

  @Test(
    "cancelling a unary call's task fails it with cancelled and cancels the handler",
    arguments: TestTransport.allCases)
  func unary(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      let call = Task {
        try await harness.echo.get(EchoRequest(text: "abandon", delayMs: 30_000))
      }
      try await harness.recorder.first { $0.isStarted && $0.text == "abandon" }
      let clock = ContinuousClock()
      let start = clock.now
      call.cancel()
      let result = await call.result
      #expect(clock.now - start < .seconds(5))
      #expect(throws: RPCError.self) { try result.get() }
      #expect(Self.isCancellation(result.testFailure), "\(String(describing: result.testFailure))")
      try await harness.recorder.first { $0 == .cancelled(method: "Get", text: "abandon") }
    }
  }

  @Test(
    "cancelling a server-streaming call's task fails it with cancelled and cancels the handler",
    arguments: TestTransport.allCases)
  func serverStreaming(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      let (firstArrived, arrival) = AsyncStream<Void>.makeStream()
      let call = Task {
        try await harness.echo.expand(EchoRequest(text: "stream", delayMs: 30_000, count: 2)) {
          responses in
          for try await _ in responses { arrival.yield() }
        }
      }
      var arrivals = firstArrived.makeAsyncIterator()
      await arrivals.next()
      call.cancel()
      let result = await call.result
      #expect(Self.isCancellation(result.testFailure), "\(String(describing: result.testFailure))")
      try await harness.recorder.first { $0 == .cancelled(method: "Expand", text: "stream") }
    }
  }

  @Test(
    "cancelling a bidirectional call's task fails it with cancelled and cancels the handler",
    arguments: TestTransport.allCases)
  func bidirectional(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      let call = Task {
        try await harness.echo.update { writer in
          try await writer.write(EchoRequest(text: "both ways", delayMs: 30_000))
        } onResponse: { responses in
          for try await _ in responses {}
        }
      }
      try await harness.recorder.first { $0.isStarted && $0.text == "both ways" }
      call.cancel()
      let result = await call.result
      #expect(Self.isCancellation(result.testFailure), "\(String(describing: result.testFailure))")
      try await harness.recorder.first { $0 == .cancelled(method: "Update", text: "both ways") }
    }
  }

  @Test("cancelling a client-streaming call's task while the handler waits for requests")
  func clientStreaming() async throws {
    try await withEchoServer { harness in
      let (never, _) = AsyncStream<Void>.makeStream()
      let call = Task {
        try await harness.echo.collect { writer in
          try await writer.write(EchoRequest(text: "first of many"))
          // The producer has nothing more to say until it is cancelled.
          for await _ in never {}
          try Task.checkCancellation()
        }
      }
      try await harness.recorder.first { $0.isStarted && $0.text == "first of many" }
      call.cancel()
      let result = await call.result
      #expect(result.testFailure != nil)
      try await harness.recorder.first {
        $0 == .cancelled(method: "Collect", text: "first of many")
      }
    }
  }

  @Test("returning early from onResponse ends the call, its producer and its handler")
  func earlyReturn() async throws {
    try await withEchoServer { harness in
      let (answered, answer) = AsyncStream<Void>.makeStream()
      let first = try await harness.echo.update { writer in
        var answers = answered.makeAsyncIterator()
        try await writer.write(EchoRequest(text: "only"))
        // Would send more after the answer, but the caller has what it wanted by then.
        await answers.next()
        await answers.next()
      } onResponse: { responses in
        var iterator = responses.makeAsyncIterator()
        let first = try await iterator.next()
        answer.yield()
        return first
      }
      #expect(first?.text == "only")
      try await harness.recorder.first { $0 == .cancelled(method: "Update", text: "only") }
    }
  }

  @Test("a call made from an already-cancelled task fails with cancelled and does not hang")
  func alreadyCancelled() async throws {
    try await withEchoServer { harness in
      // Warm the connection so the cancellation races a call that could start at once.
      _ = try await harness.echo.get(EchoRequest(text: "warm"))
      for round in 0..<200 {
        let call = Task {
          withUnsafeCurrentTask { $0?.cancel() }
          return try await harness.echo.get(EchoRequest(text: "never \(round)"))
        }
        let result = await call.result
        #expect(
          Self.isCancellation(result.testFailure),
          "round \(round): \(String(describing: result.testFailure))")
      }
      let streaming = Task {
        withUnsafeCurrentTask { $0?.cancel() }
        return try await harness.echo.expand(EchoRequest(text: "never", count: 1)) { responses in
          for try await _ in responses {}
        }
      }
      let streamed = await streaming.result.testFailure
      #expect(Self.isCancellation(streamed), "\(String(describing: streamed))")
    }
  }
}

import RPCTestSchema
import SwitchboardRPC
import Testing

/// What a handler throws is what the caller sees: its own status as is, anything else as
/// `internal` without the details.
@Suite("Handler errors", .timeLimit(.minutes(1)))
struct ErrorPropagationTests {
  static let kinds: [MethodDescriptor.Kind] = [
    .unary, .serverStreaming, .clientStreaming, .bidirectionalStreaming,
  ]

  /// Makes a call of `kind` whose handler fails as `failing` asks, and returns what the call
  /// threw with the texts of the responses that arrived before it.
  ///
  /// Streaming producers keep writing until the call ends, so the failure races a producer
  /// that is still busy, as real uploads are.
  static func failure(
    of kind: MethodDescriptor.Kind, failing: EchoRequest, _ echo: EchoClient
  ) async -> (error: (any Error)?, responses: [String]) {
    var responses: [String] = []
    do {
      switch kind {
      case .unary:
        _ = try await echo.get(failing)
      case .serverStreaming:
        var request = failing
        request.count = 2
        try await echo.expand(request) { stream in
          for try await response in stream { responses.append(response.text) }
        }
      case .clientStreaming:
        _ = try await echo.collect { writer in
          try await writer.write(EchoRequest(text: "fine"))
          try await writer.write(failing)
          for _ in 0..<100_000 { try await writer.write(EchoRequest(text: "more")) }
        }
      case .bidirectionalStreaming:
        try await echo.update { writer in
          try await writer.write(EchoRequest(text: "fine"))
          try await writer.write(failing)
          for _ in 0..<100_000 { try await writer.write(EchoRequest(text: "more")) }
        } onResponse: { stream in
          for try await response in stream { responses.append(response.text) }
        }
      }
      return (nil, responses)
    } catch {
      return (error, responses)
    }
  }

  @Test(
    "an RPCError thrown by a handler reaches the caller with its code and message", arguments: kinds
  )
  func ownStatus(kind: MethodDescriptor.Kind) async throws {
    try await withEchoServer { harness in
      let failing = EchoRequest(text: "doomed", failCode: 5, failMessage: "no chat 42")
      let (error, responses) = await Self.failure(of: kind, failing: failing, harness.echo)
      let status = try #require(error as? RPCError, "\(String(describing: error))")
      #expect(status == RPCError(code: .notFound, message: "no chat 42"))
      switch kind {
      case .serverStreaming: #expect(responses == ["doomed", "doomed"])
      case .bidirectionalStreaming: #expect(responses == ["fine"])
      default: #expect(responses.isEmpty)
      }
    }
  }

  @Test("any other error reaches the caller as internal without its details", arguments: kinds)
  func hiddenFailure(kind: MethodDescriptor.Kind) async throws {
    try await withEchoServer { harness in
      let failing = EchoRequest(
        text: "leaky", failCode: TestEchoService.secretFailureCode,
        failMessage: "postgres://admin:hunter2@db")
      let (error, _) = await Self.failure(of: kind, failing: failing, harness.echo)
      let status = try #require(error as? RPCError, "\(String(describing: error))")
      #expect(status.code == .internal)
      #expect(!status.message.contains("hunter2"))
      #expect(!status.message.contains("postgres"))
      #expect(!status.message.contains("TestEchoSecretFailure"))
    }
  }

  @Test("a failed call cancels a producer that waits for an answer")
  func producerWaitingForAnAnswer() async throws {
    try await withEchoServer { harness in
      let (answered, answer) = AsyncStream<Void>.makeStream()
      let error = await #expect(throws: RPCError.self) {
        try await harness.echo.update { writer in
          var answers = answered.makeAsyncIterator()
          try await writer.write(EchoRequest(text: "ping"))
          await answers.next()
          try await writer.write(EchoRequest(text: "doomed", failCode: 7, failMessage: "not yours"))
          // No answer comes: the call fails, and only cancellation ends this wait.
          await answers.next()
        } onResponse: { responses in
          for try await _ in responses { answer.yield() }
        }
      }
      #expect(error == RPCError(code: .permissionDenied, message: "not yours"))
    }
  }

  struct ProducerFailure: Error, Equatable {}

  @Test("a producer's own failure is what the caller sees, and it cancels the handler")
  func producerFails() async throws {
    try await withEchoServer { harness in
      await #expect(throws: ProducerFailure()) {
        try await harness.echo.update { writer in
          try await writer.write(EchoRequest(text: "half a conversation", delayMs: 30_000))
          try await harness.recorder.first { $0.isStarted }
          throw ProducerFailure()
        } onResponse: { responses in
          for try await _ in responses {}
        }
      }
      try await harness.recorder.first {
        $0 == .cancelled(method: "Update", text: "half a conversation")
      }
    }
  }

  @Test("every status code travels", arguments: RPCError.Code.allCases)
  func everyCode(code: RPCError.Code) async throws {
    try await withEchoServer(over: .inProcess) { harness in
      let error = await #expect(throws: RPCError.self) {
        try await harness.echo.get(
          EchoRequest(failCode: Int32(code.rawValue), failMessage: "status \(code)"))
      }
      #expect(error == RPCError(code: code, message: "status \(code)"))
    }
  }
}

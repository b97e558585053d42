import RPCTestSchema
import SwitchboardRPC
import Synchronization
import Testing

/// Code that calls a service through `EchoClientProtocol` can be tested with a fake, no server.
@Suite("Fake clients")
struct FakeClientTests {
  /// A stand-in for the server: canned answers, and the requests it was sent.
  struct FakeEchoClient: EchoClientProtocol {
    let sent = TestCallLog()

    func get(_ request: EchoRequest, options: CallOptions) async throws -> EchoResponse {
      sent.append(request.text)
      guard !request.text.isEmpty else {
        throw RPCError(code: .invalidArgument, message: "say something")
      }
      return EchoResponse(text: request.text.uppercased())
    }

    func expand<Result: Sendable>(
      _ request: EchoRequest, options: CallOptions,
      onResponse: (RPCMessageStream<EchoResponse>) async throws -> Result
    ) async throws -> Result {
      let responses = (0..<request.count).map { EchoResponse(text: request.text, index: $0) }
      return try await onResponse(RPCMessageStream(elements: responses))
    }

    func collect(
      options: CallOptions,
      requestProducer: @escaping @Sendable (RPCWriter<EchoRequest>) async throws -> Void
    ) async throws -> EchoResponse {
      let texts = Mutex<[String]>([])
      try await requestProducer(RPCWriter { request in texts.withLock { $0.append(request.text) } })
      return EchoResponse(text: texts.withLock { $0.joined(separator: " ") })
    }

    func update<Result: Sendable>(
      options: CallOptions,
      requestProducer: @escaping @Sendable (RPCWriter<EchoRequest>) async throws -> Void,
      onResponse: (RPCMessageStream<EchoResponse>) async throws -> Result
    ) async throws -> Result {
      let texts = Mutex<[EchoResponse]>([])
      try await requestProducer(
        RPCWriter { request in texts.withLock { $0.append(EchoResponse(text: request.text)) } })
      return try await onResponse(RPCMessageStream(elements: texts.withLock { $0 }))
    }
  }

  /// The code under test: shouts every non-empty line through the service and reports the
  /// lines it refused, whatever client it is given.
  static func shout(_ lines: [String], via echo: some EchoClientProtocol) async -> (
    shouted: [String], refused: [String]
  ) {
    var shouted: [String] = []
    var refused: [String] = []
    for line in lines {
      do {
        shouted.append(try await echo.get(EchoRequest(text: line)).text)
      } catch let error as RPCError where error.code == .invalidArgument {
        refused.append(line)
      } catch {
        refused.append("\(line)?")
      }
    }
    return (shouted, refused)
  }

  @Test("a function written against the client protocol runs against a fake")
  func fakeStandsInForTheServer() async throws {
    let fake = FakeEchoClient()
    let (shouted, refused) = await Self.shout(["hi", "", "bye"], via: fake)
    #expect(shouted == ["HI", "BYE"])
    #expect(refused == [""])
    #expect(fake.sent.entries == ["hi", "", "bye"])

    let indices = try await fake.expand(EchoRequest(text: "x", count: 3)) { responses in
      var indices: [Int32] = []
      for try await response in responses { indices.append(response.index) }
      return indices
    }
    #expect(indices == [0, 1, 2])
    let collected = try await fake.collect { writer in
      try await writer.write(contentsOf: [EchoRequest(text: "a"), EchoRequest(text: "b")])
    }
    #expect(collected.text == "a b")
  }
}

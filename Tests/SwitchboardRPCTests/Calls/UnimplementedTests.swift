import RPCTestSchema
import SwitchboardRPC
import Testing

/// Calls to methods the server does not have end with `unimplemented`, naming the path.
@Suite("Unimplemented methods", .timeLimit(.minutes(1)))
struct UnimplementedTests {
  static let unknownMethods = [
    MethodDescriptor(service: "switchboard.test.v1.Nowhere", method: "Get", kind: .unary),
    MethodDescriptor(service: Echo.name, method: "Vanish", kind: .unary),
  ]

  @Test("a unary call to an unknown path fails with unimplemented", arguments: unknownMethods)
  func unary(method: MethodDescriptor) async throws {
    try await withEchoServer { harness in
      let error = await #expect(throws: RPCError.self) {
        let _: EchoResponse = try await harness.client.unary(
          method, request: EchoRequest(text: "?"))
      }
      #expect(error?.code == .unimplemented)
      #expect(error?.message.contains(method.path) == true, "\(String(describing: error))")
      // The connection stays usable.
      let after = try await harness.echo.get(EchoRequest(text: "still here"))
      #expect(after.text == "still here")
      #expect(harness.recorder.events.filter(\.isStarted).map(\.text) == ["still here"])
    }
  }

  @Test(
    "streaming calls to an unknown path fail with unimplemented", arguments: TestTransport.allCases)
  func streaming(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      let serverStreaming = MethodDescriptor(
        service: Echo.name, method: "Spread", kind: .serverStreaming)
      let streamed = await #expect(throws: RPCError.self) {
        try await harness.client.serverStreaming(serverStreaming, request: EchoRequest()) {
          (responses: RPCMessageStream<EchoResponse>) in
          for try await _ in responses {}
        }
      }
      #expect(streamed?.code == .unimplemented)
      #expect(streamed?.message.contains(serverStreaming.path) == true)

      let bidirectional = MethodDescriptor(
        service: Echo.name, method: "Chat", kind: .bidirectionalStreaming)
      let chatted = await #expect(throws: RPCError.self) {
        try await harness.client.bidirectionalStreaming(bidirectional) {
          (writer: RPCWriter<EchoRequest>) in
          try await writer.write(EchoRequest(text: "hello?"))
        } onResponse: { (responses: RPCMessageStream<EchoResponse>) in
          for try await _ in responses {}
        }
      }
      #expect(chatted?.code == .unimplemented)
      #expect(chatted?.message.contains(bidirectional.path) == true)
    }
  }
}

import RPCTestSchema
import SwitchboardRPC
import Testing

/// Metadata and the caller's address as a handler sees them.
@Suite("Metadata and peer", .timeLimit(.minutes(1)))
struct MetadataTests {
  /// Options sending `metadata` whose calls report the values of `key` back in `detail`.
  static func options(_ metadata: Metadata, reporting key: String) -> CallOptions {
    var options = CallOptions(metadata: metadata)
    options.metadata[TestEchoService.detailKey] = "metadata:\(key)"
    return options
  }

  @Test("request metadata reaches the handler", arguments: TestTransport.allCases)
  func reachesHandler(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      let options = Self.options(["authorization": "Bearer abc"], reporting: "authorization")
      let unary = try await harness.echo.get(EchoRequest(text: "who"), options: options)
      #expect(unary.detail == "Bearer abc")

      let streamed = try await harness.echo.update(options: options) { writer in
        try await writer.write(contentsOf: [EchoRequest(text: "1"), EchoRequest(text: "2")])
      } onResponse: { responses in
        var details: [String] = []
        for try await response in responses { details.append(response.detail) }
        return details
      }
      #expect(streamed == ["Bearer abc", "Bearer abc"])
    }
  }

  @Test("repeated keys keep their order and values keep their text")
  func repeatedKeysAndText() async throws {
    try await withEchoServer { harness in
      var metadata = Metadata()
      metadata.append(key: "x-tag", value: "first")
      metadata.append(key: "x-tag", value: "Grüße ✓")
      metadata.append(key: "x-tag", value: "")
      let response = try await harness.echo.get(
        EchoRequest(), options: Self.options(metadata, reporting: "x-tag"))
      #expect(response.detail == "first,Grüße ✓,")
    }
  }

  @Test("a key outside the wire rule fails the call with invalidArgument")
  func invalidKey() async throws {
    try await withEchoServer { harness in
      let error = await #expect(throws: RPCError.self) {
        try await harness.echo.get(
          EchoRequest(text: "bad key"), options: CallOptions(metadata: ["Bad Key": "x"]))
      }
      #expect(error?.code == .invalidArgument)
      #expect(harness.recorder.events.isEmpty)
    }
  }

  @Test("the handler sees the caller's loopback address")
  func peerOverTCP() async throws {
    try await withEchoServer(over: .tcp) { harness in
      let response = try await harness.echo.get(
        EchoRequest(text: "where"), options: TestEchoService.reportingPeer)
      #expect(response.detail.hasPrefix("127.0.0.1:"), "\(response.detail)")
      let port = try #require(Int(response.detail.dropFirst("127.0.0.1:".count)))
      #expect(port > 0 && port != harness.port, "the peer is the client's end, not the server's")
      let started = try await harness.recorder.first { $0.isStarted }
      #expect(started == .started(method: "Get", text: "where", peer: response.detail))
    }
  }

  @Test("an in-process caller is named as such")
  func peerInProcess() async throws {
    try await withEchoServer(over: .inProcess) { harness in
      let response = try await harness.echo.get(
        EchoRequest(), options: TestEchoService.reportingPeer)
      #expect(response.detail == "in-process")
    }
  }
}

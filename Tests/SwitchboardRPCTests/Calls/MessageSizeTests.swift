import RPCTestSchema
import SwitchboardRPC
import Testing

/// Messages over a side's `maxMessageSize` fail their call with `resourceExhausted`; the
/// connection carries on.
@Suite("Message size limits", .timeLimit(.minutes(1)))
struct MessageSizeTests {
  static let limit = 64 << 10

  static var limitedServer: RPCServer.Configuration {
    var configuration = RPCServer.Configuration()
    configuration.limits.maxMessageSize = limit
    return configuration
  }

  static var limitedClient: RPCClient.Configuration {
    var configuration = RPCClient.Configuration()
    configuration.limits.maxMessageSize = limit
    return configuration
  }

  /// A request of exactly `size` bytes once encoded.
  static func request(text: String = "", encodedSize size: Int) throws -> EchoRequest {
    var request = EchoRequest(text: text)
    request.payload = [UInt8](repeating: 7, count: size - request.serializedSize() - 4)
    try #require(request.serializedSize() == size)
    return request
  }

  @Test(
    "a unary request over the server's limit fails and the connection carries on",
    arguments: TestTransport.allCases)
  func unaryRequest(transport: TestTransport) async throws {
    try await withEchoServer(over: transport, server: Self.limitedServer) { harness in
      let before = try await harness.echo.get(
        EchoRequest(text: "before"), options: TestEchoService.reportingPeer)

      let atLimit = try await harness.echo.get(Self.request(text: "at", encodedSize: Self.limit))
      #expect(atLimit.text == "at")

      let error = await #expect(throws: RPCError.self) {
        try await harness.echo.get(Self.request(text: "over", encodedSize: Self.limit + 1))
      }
      #expect(error?.code == .resourceExhausted)
      #expect(error?.message.contains(String(Self.limit)) == true, "\(String(describing: error))")

      let after = try await harness.echo.get(
        EchoRequest(text: "after"), options: TestEchoService.reportingPeer)
      #expect(after.detail == before.detail)
      #expect(!harness.recorder.events.contains { $0.text == "over" })
    }
  }

  @Test(
    "a streamed request over the server's limit fails the call and the connection carries on",
    arguments: TestTransport.allCases)
  func streamedRequest(transport: TestTransport) async throws {
    try await withEchoServer(over: transport, server: Self.limitedServer) { harness in
      let before = try await harness.echo.get(
        EchoRequest(text: "before"), options: TestEchoService.reportingPeer)

      let oversize = try Self.request(text: "over", encodedSize: Self.limit + 1)
      let collected = await #expect(throws: RPCError.self) {
        try await harness.echo.collect { writer in
          try await writer.write(EchoRequest(text: "small"))
          try await writer.write(oversize)
        }
      }
      #expect(collected?.code == .resourceExhausted, "\(String(describing: collected))")
      #expect(collected?.message.contains(String(Self.limit)) == true)

      let updated = await #expect(throws: RPCError.self) {
        try await harness.echo.update { writer in
          try await writer.write(oversize)
        } onResponse: { responses in
          for try await _ in responses {}
        }
      }
      #expect(updated?.code == .resourceExhausted, "\(String(describing: updated))")

      let after = try await harness.echo.get(
        EchoRequest(text: "after"), options: TestEchoService.reportingPeer)
      #expect(after.detail == before.detail)
    }
  }

  @Test(
    "a response over the client's limit fails the call and the connection carries on",
    arguments: TestTransport.allCases)
  func response(transport: TestTransport) async throws {
    try await withEchoServer(over: transport, client: Self.limitedClient) { harness in
      let before = try await harness.echo.get(
        EchoRequest(text: "before"), options: TestEchoService.reportingPeer)

      let unary = await #expect(throws: RPCError.self) {
        try await harness.echo.get(EchoRequest(text: "huge", responseSize: Int32(Self.limit) + 1))
      }
      #expect(unary?.code == .resourceExhausted)
      #expect(unary?.message.contains(String(Self.limit)) == true, "\(String(describing: unary))")

      var received = 0
      let streamed = await #expect(throws: RPCError.self) {
        try await harness.echo.expand(
          EchoRequest(text: "huge", count: 2, responseSize: Int32(Self.limit) + 1)
        ) { responses in
          for try await _ in responses { received += 1 }
        }
      }
      #expect(streamed?.code == .resourceExhausted)
      #expect(received == 0)

      let fits = try await harness.echo.get(
        EchoRequest(text: "fits", responseSize: Int32(Self.limit) - 16))
      #expect(fits.payload.count == Self.limit - 16)
      let after = try await harness.echo.get(
        EchoRequest(text: "after"), options: TestEchoService.reportingPeer)
      #expect(after.detail == before.detail)
    }
  }
}

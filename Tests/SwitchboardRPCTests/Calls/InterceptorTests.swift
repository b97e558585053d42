import RPCTestSchema
import SwitchboardRPC
import Testing

/// Server and client interceptors around real calls.
@Suite("Interceptors", .timeLimit(.minutes(1)))
struct InterceptorTests {
  static let get = Echo.Method.Get.descriptor.path
  static let expand = Echo.Method.Expand.descriptor.path

  static func server(_ interceptors: [any ServerInterceptor]) -> RPCServer.Configuration {
    var configuration = RPCServer.Configuration()
    configuration.interceptors = interceptors
    return configuration
  }

  static func client(_ interceptors: [any ClientInterceptor]) -> RPCClient.Configuration {
    var configuration = RPCClient.Configuration()
    configuration.interceptors = interceptors
    return configuration
  }

  @Test(
    "a server interceptor rejects calls without authorization before the handler runs",
    arguments: TestTransport.allCases)
  func rejectsUnauthenticated(transport: TestTransport) async throws {
    let log = TestCallLog()
    let server = Self.server([
      TestServerTracer(name: "observer", log: log), TestRequireAuthorization(),
    ])
    try await withEchoServer(over: transport, server: server) { harness in
      let unary = await #expect(throws: RPCError.self) {
        try await harness.echo.get(EchoRequest(text: "anonymous"))
      }
      #expect(unary == RPCError(code: .unauthenticated, message: TestRequireAuthorization.message))

      let streamed = await #expect(throws: RPCError.self) {
        try await harness.echo.expand(EchoRequest(text: "anonymous", count: 3)) { responses in
          for try await _ in responses {}
        }
      }
      #expect(
        streamed == RPCError(code: .unauthenticated, message: TestRequireAuthorization.message))

      let wrongToken = await #expect(throws: RPCError.self) {
        try await harness.echo.get(
          EchoRequest(text: "impostor"),
          options: CallOptions(metadata: ["authorization": "Bearer xyz"]))
      }
      #expect(wrongToken?.code == .unauthenticated)

      #expect(harness.recorder.events.isEmpty, "a handler ran: \(harness.recorder.events)")
      #expect(
        log.entries == [
          "observer in \(Self.get)", "observer out: unauthenticated",
          "observer in \(Self.expand)", "observer out: unauthenticated",
          "observer in \(Self.get)", "observer out: unauthenticated",
        ])
    }
  }

  @Test(
    "authorized calls go through, and the observer sees each outcome",
    arguments: TestTransport.allCases)
  func letsAuthorizedThrough(transport: TestTransport) async throws {
    let log = TestCallLog()
    let server = Self.server([
      TestServerTracer(name: "observer", log: log), TestRequireAuthorization(),
    ])
    try await withEchoServer(over: transport, server: server) { harness in
      let options = CallOptions(metadata: ["authorization": "Bearer abc"])
      let response = try await harness.echo.get(EchoRequest(text: "ada"), options: options)
      #expect(response.text == "ada")
      let error = await #expect(throws: RPCError.self) {
        try await harness.echo.get(
          EchoRequest(failCode: 5, failMessage: "no chat"), options: options)
      }
      #expect(error?.code == .notFound)
      let count = try await harness.echo.expand(EchoRequest(count: 3), options: options) {
        responses in
        var count = 0
        for try await _ in responses { count += 1 }
        return count
      }
      #expect(count == 3)
      #expect(
        log.entries == [
          "observer in \(Self.get)", "observer out: ok",
          "observer in \(Self.get)", "observer out: notFound",
          "observer in \(Self.expand)", "observer out: ok",
        ])
    }
  }

  @Test("server interceptors run in order, the first outermost, and pass context on")
  func serverChainOrder() async throws {
    let log = TestCallLog()
    let server = Self.server([
      TestServerTracer(name: "first", log: log), TestServerTracer(name: "second", log: log),
    ])
    try await withEchoServer(server: server) { harness in
      var options = CallOptions()
      options.metadata[TestEchoService.detailKey] = "metadata:x-seen-by"
      let response = try await harness.echo.get(EchoRequest(), options: options)
      #expect(response.detail == "first,second")
      #expect(
        log.entries == [
          "first in \(Self.get)", "second in \(Self.get)", "second out: ok", "first out: ok",
        ])
    }
  }

  @Test(
    "client interceptors add metadata and observe outcomes, in order",
    arguments: TestTransport.allCases)
  func clientChain(transport: TestTransport) async throws {
    let log = TestCallLog()
    let client = Self.client([
      TestClientTracer(name: "outer", log: log), TestClientTracer(name: "inner", log: log),
    ])
    try await withEchoServer(over: transport, client: client) { harness in
      var options = CallOptions()
      options.metadata[TestEchoService.detailKey] = "metadata:x-client-tag"
      let response = try await harness.echo.get(EchoRequest(), options: options)
      #expect(response.detail == "outer,inner")

      _ = await #expect(throws: RPCError.self) {
        try await harness.echo.get(EchoRequest(failCode: 9, failMessage: "not now"))
      }
      let details = try await harness.echo.update(options: options) { writer in
        try await writer.write(EchoRequest())
      } onResponse: { responses in
        var details: [String] = []
        for try await response in responses { details.append(response.detail) }
        return details
      }
      #expect(details == ["outer,inner"])

      let update = Echo.Method.Update.descriptor.path
      #expect(
        log.entries == [
          "outer > \(Self.get)", "inner > \(Self.get)", "inner <: ok", "outer <: ok",
          "outer > \(Self.get)", "inner > \(Self.get)", "inner <: failedPrecondition",
          "outer <: failedPrecondition",
          "outer > \(update)", "inner > \(update)", "inner <: ok", "outer <: ok",
        ])
    }
  }

  @Test("a client interceptor that throws stops the call before it is sent")
  func clientInterceptorRejects() async throws {
    let log = TestCallLog()
    let client = Self.client([TestClientTracer(name: "observer", log: log), TestClientGate()])
    try await withEchoServer(client: client) { harness in
      let error = await #expect(throws: RPCError.self) {
        try await harness.echo.get(EchoRequest(text: "offline"))
      }
      #expect(error == RPCError(code: .failedPrecondition, message: "the client is offline"))
      #expect(log.entries == ["observer > \(Self.get)", "observer <: failedPrecondition"])
      #expect(harness.recorder.events.isEmpty)
    }
  }
}

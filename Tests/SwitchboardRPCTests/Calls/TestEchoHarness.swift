import RPCTestSchema
import SwitchboardRPC

/// A running echo server and a client of it, as a test body gets them from ``withEchoServer``.
struct TestEchoHarness: Sendable {
  /// The generated client, over ``client``.
  let echo: EchoClient
  /// The runtime client, for raw calls.
  let client: RPCClient
  /// What the service's handlers did.
  let recorder: TestEchoRecorder
  /// How ``client`` reaches the server.
  let transport: TestTransport
  /// The port the server listens on.
  let port: Int
}

/// Serves a ``TestEchoService`` on a free loopback port, runs `body` with a client of it over
/// `transport`, then closes the client and drains the server, also when `body` throws.
func withEchoServer<Value: Sendable>(
  over transport: TestTransport = .tcp,
  server configuration: RPCServer.Configuration = RPCServer.Configuration(),
  client clientConfiguration: RPCClient.Configuration = RPCClient.Configuration(),
  _ body: (TestEchoHarness) async throws -> Value
) async throws -> Value {
  let service = TestEchoService()
  let server = RPCServer(port: 0, services: [service], configuration: configuration)
  return try await withThrowingTaskGroup(of: Void.self) { group in
    group.addTask { try await server.serve() }
    let port = try await server.listeningPort
    let client =
      switch transport {
      case .tcp: RPCClient(host: "127.0.0.1", port: port, configuration: clientConfiguration)
      case .inProcess: RPCClient(inProcess: server, configuration: clientConfiguration)
      }
    let harness = TestEchoHarness(
      echo: EchoClient(wrapping: client), client: client, recorder: service.recorder,
      transport: transport, port: port)
    let outcome: Result<Value, any Error>
    do {
      outcome = .success(try await body(harness))
    } catch {
      outcome = .failure(error)
    }
    client.close()
    server.beginGracefulShutdown()
    try await group.waitForAll()
    return try outcome.get()
  }
}

import RPCTestSchema
import SwitchboardRPC
import Testing

/// An ``RPCServer`` serving a ``RobustEchoService`` on loopback, with the task running
/// `serve()`.
struct RobustServer: Sendable {
  let server: RPCServer
  let service: RobustEchoService
  /// The port it listens on (the one the system picked for port 0).
  let port: Int
  /// The task running `serve()`; its value is what `serve()` returned or threw.
  let serving: Task<Void, any Error>

  /// Starts serving on `port` (0: any) and returns once the server listens.
  ///
  /// - Throws: what `serve()` failed with when it could not listen.
  static func start(
    port: Int = 0, service: RobustEchoService = RobustEchoService(),
    configuration: RPCServer.Configuration = .robust()
  ) async throws -> RobustServer {
    let server = RPCServer(
      host: "127.0.0.1", port: port, services: [service], configuration: configuration)
    let serving = Task { try await server.serve() }
    do {
      let bound = try await server.listeningPort
      return RobustServer(server: server, service: service, port: bound, serving: serving)
    } catch {
      serving.cancel()
      throw error
    }
  }

  /// Runs `body` with a server started by ``start(port:service:configuration:)`` and shuts it
  /// down afterwards, whatever `body` did.
  static func with<Result>(
    service: RobustEchoService = RobustEchoService(),
    configuration: RPCServer.Configuration = .robust(),
    _ body: (RobustServer) async throws -> Result
  ) async throws -> Result {
    let server = try await start(service: service, configuration: configuration)
    do {
      let result = try await body(server)
      try await server.shutDown()
      return result
    } catch {
      try? await server.shutDown()
      throw error
    }
  }

  /// Begins a graceful shutdown and waits for `serve()` to return.
  func shutDown() async throws {
    server.beginGracefulShutdown()
    try await serving.value
  }

  /// A client of this server with a short reconnection backoff.
  func client(configure: (inout RPCClient.Configuration) -> Void = { _ in }) -> RPCClient {
    robustClient(port: port, configure: configure)
  }
}

extension RPCServer.Configuration {
  /// The tests' server: a grace period short enough that a test that forgets a slow call does
  /// not wait long, no keepalive PINGs on raw connections; then whatever `change` does.
  static func robust(_ change: (inout Self) -> Void = { _ in }) -> Self {
    var configuration = Self()
    configuration.shutdownGracePeriod = .seconds(2)
    configuration.keepaliveInterval = nil
    change(&configuration)
    return configuration
  }
}

/// A client of the server on loopback `port`: reconnects after 20 ms, then up to 200 ms, without
/// jitter, so reconnection tests are quick and repeatable.
func robustClient(port: Int, configure: (inout RPCClient.Configuration) -> Void = { _ in })
  -> RPCClient
{
  var configuration = RPCClient.Configuration()
  configuration.connectTimeout = robustPatience
  configuration.backoff.initial = .milliseconds(20)
  configuration.backoff.maximum = .milliseconds(200)
  configuration.backoff.jitter = 0
  configuration.keepaliveInterval = nil
  configure(&configuration)
  return RPCClient(host: "127.0.0.1", port: port, configuration: configuration)
}

/// Checks that the server on `port` still serves a plain call on a connection of its own.
func robustExpectServes(
  port: Int, sourceLocation: SourceLocation = #_sourceLocation
) async {
  let client = robustClient(port: port)
  defer { client.close() }
  do {
    // A client's own opening can miss a test's short handshake timeout while other tests load
    // the machine; the server is still serving if a later try gets through.
    let response = try await robustEventually(within: robustPatience) {
      try await EchoClient(wrapping: client).get(
        EchoRequest(text: "still there?"), options: CallOptions(timeout: robustPatience))
    }
    #expect(response.text == "still there?", sourceLocation: sourceLocation)
  } catch {
    Issue.record("a call on another connection failed: \(error)", sourceLocation: sourceLocation)
  }
}

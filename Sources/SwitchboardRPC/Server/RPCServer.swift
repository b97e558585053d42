/// Serves generated services over Switchboard's protocol on TCP.
///
/// ```swift
/// let server = RPCServer(port: 8080, services: [ChatsServiceImpl(), HealthProvider()])
/// try await withThrowingDiscardingTaskGroup { group in
///   group.addTask { try await server.serve() }
///   print("listening on", try await server.listeningPort)
/// }
/// ```
///
/// `serve()` returns once ``beginGracefulShutdown()`` has drained every connection; cancelling
/// the task that runs it shuts down at once (calls in flight are cancelled).
public final class RPCServer: Sendable {
  /// The address to listen on, such as `127.0.0.1` or `0.0.0.0`.
  public let host: String
  /// The port asked for; 0 lets the system pick (see ``listeningPort``).
  public let port: Int
  /// Limits and timeouts.
  public let configuration: Configuration
  let router: RPCRouter
  let engine: ServerEngine

  /// Creates a server for `services`; nothing listens until ``serve()``.
  public init(
    host: String = "127.0.0.1", port: Int, services: [any RPCService],
    configuration: Configuration = Configuration()
  ) {
    var router = RPCRouter()
    for service in services { service.registerMethods(with: &router) }
    self.host = host
    self.port = port
    self.configuration = configuration
    self.router = router
    self.engine = ServerEngine(router: router, configuration: configuration)
  }

  /// Listens and serves until shut down.
  ///
  /// - Throws: ``RPCError`` `unavailable` when the address cannot be listened on (in use, not
  ///   local), naming the address and the system's reason.
  public func serve() async throws {
    try await engine.serve(host: host, port: port)
  }

  /// The port the server listens on, once it does: the one the system picked for port 0.
  ///
  /// - Throws: the error ``serve()`` failed with, if listening failed.
  public var listeningPort: Int {
    get async throws { try await engine.listeningPort() }
  }

  /// Stops accepting connections, tells clients with GOAWAY, lets calls in flight finish
  /// within ``Configuration/shutdownGracePeriod``, then cancels the rest; ``serve()`` returns
  /// once every connection is closed.
  public func beginGracefulShutdown() {
    engine.beginGracefulShutdown()
  }
}

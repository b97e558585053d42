/// Calls a Switchboard server: wrap it in a generated client (`ChatsClient(wrapping:)`).
///
/// ```swift
/// let client = RPCClient(host: "127.0.0.1", port: 8080)
/// let chats = ChatsClient(wrapping: client)
/// let chat = try await chats.getChat(.with { $0.chatID = id }, options: CallOptions(timeout: .seconds(1)))
/// ```
///
/// It connects lazily, on the first call, multiplexes concurrent calls over each connection,
/// and reconnects with backoff when a connection fails: calls in flight then fail with
/// `unavailable`, calls the server never started are retried once on a fresh connection.
/// Tasks that make many calls run without thread hops when started on ``executor``.
public final class RPCClient: Sendable {
  /// How the client connects and what it sends with every call.
  public let configuration: Configuration
  let pool: ConnectionPool

  /// Creates a client for the server at `host`:`port`; nothing connects until the first call.
  public init(host: String, port: Int, configuration: Configuration = Configuration()) {
    self.configuration = configuration
    self.pool = ConnectionPool(
      target: .tcp(host: host, port: port), configuration: configuration)
  }

  /// Creates a client connected to `server` in memory, with no network in between: the same
  /// protocol, limits and behaviour as over TCP, for tests and for embedding.
  public init(inProcess server: RPCServer, configuration: Configuration = Configuration()) {
    self.configuration = configuration
    self.pool = ConnectionPool(target: .inProcess(server.engine), configuration: configuration)
  }

  /// A client sharing `client`'s connections but running `interceptors` (outermost) before
  /// its own: one pool, several callers with their own credentials or logging. Closing
  /// either closes the connections of both.
  public init(sharing client: RPCClient, interceptors: [any ClientInterceptor]) {
    var configuration = client.configuration
    configuration.interceptors = interceptors + configuration.interceptors
    self.configuration = configuration
    self.pool = client.pool
  }

  /// The executor of the event loop serving this client's first connection: tasks that run
  /// on it (`Task(executorPreference: client.executor)`) make calls without thread hops.
  public var executor: any TaskExecutor { pool.preferredLoop }

  /// Closes every connection; calls in flight fail with `unavailable`, later calls too.
  public func close() {
    pool.close()
  }
}

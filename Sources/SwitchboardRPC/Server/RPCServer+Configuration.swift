extension RPCServer {
  /// Limits and timeouts of a server; every default suits production.
  public struct Configuration: Sendable {
    /// Calls one connection may have running at once; more are refused (safe to retry).
    public var maxConcurrentStreams: Int = 100
    /// What the server accepts from clients (message size, windows).
    public var limits: ConnectionLimits = ConnectionLimits()
    /// How long a new connection has to send its preface and SETTINGS.
    public var handshakeTimeout: Duration = .seconds(10)
    /// A connection with no calls for this long is closed (with GOAWAY); `nil` keeps it.
    public var idleTimeout: Duration? = .seconds(300)
    /// Sends a PING when a connection saw nothing for this long; `nil` never pings.
    public var keepaliveInterval: Duration? = .seconds(60)
    /// How long to wait for a PING's answer before closing the connection.
    public var keepaliveTimeout: Duration = .seconds(20)
    /// How long in-flight calls may run on after ``RPCServer/beginGracefulShutdown()``
    /// before they are cancelled.
    public var shutdownGracePeriod: Duration = .seconds(10)
    /// Interceptors run around every call, the first outermost.
    public var interceptors: [any ServerInterceptor] = []
    /// The event loops connections run on.
    public var eventLoops: EventLoopGroup = .shared

    /// The defaults.
    public init() {}
  }
}

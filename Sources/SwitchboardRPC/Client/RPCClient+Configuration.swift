extension RPCClient {
  /// How a client connects and what it sends with every call.
  public struct Configuration: Sendable {
    /// Connections to open to the server; calls are spread over them round-robin. Each
    /// connection multiplexes up to the server's stream limit.
    public var connections: Int = 1
    /// How long connecting (TCP and the preface exchange) may take before it fails.
    public var connectTimeout: Duration = .seconds(10)
    /// How reconnection attempts are spaced after a failed connect.
    public var backoff: Backoff = Backoff()
    /// Sends a PING when a connection saw nothing for this long; `nil` never pings.
    public var keepaliveInterval: Duration? = .seconds(60)
    /// How long to wait for a PING's answer before giving the connection up.
    public var keepaliveTimeout: Duration = .seconds(20)
    /// Limits this client announces (message size, windows).
    public var limits: ConnectionLimits = ConnectionLimits()
    /// Interceptors run around every call, the first outermost.
    public var interceptors: [any ClientInterceptor] = []
    /// The event loops connections run on.
    public var eventLoops: EventLoopGroup = .shared

    /// The defaults: one connection, 10 s connect timeout, 100 ms to 5 s backoff.
    public init() {}
  }

  /// Exponential backoff with jitter between reconnection attempts.
  public struct Backoff: Sendable {
    /// The wait before the first retry.
    public var initial: Duration = .milliseconds(100)
    /// The longest wait.
    public var maximum: Duration = .seconds(5)
    /// Each wait is the previous one times this.
    public var multiplier: Double = 1.6
    /// Each wait is moved at random by up to this fraction either way, so clients that lost
    /// the same server do not all come back at once.
    public var jitter: Double = 0.2

    /// The defaults: 100 ms, ×1.6, up to 5 s, ±20 %.
    public init() {}

    /// The wait before attempt `attempt` (1 for the first retry), jittered by `random`.
    func delay(attempt: Int, random: inout some RandomNumberGenerator) -> Duration {
      let base = initial * pow(multiplier, Double(max(attempt - 1, 0)))
      let capped = min(base, maximum)
      let spread = jitter > 0 ? Double.random(in: -jitter...jitter, using: &random) : 0
      return capped * (1 + spread)
    }
  }
}

/// `base ^ exponent` without Foundation, for the backoff curve (small exponents only).
private func pow(_ base: Double, _ exponent: Double) -> Double {
  var result = 1.0
  var remaining = Int(exponent)
  while remaining > 0 && result < 1e12 {
    result *= base
    remaining -= 1
  }
  return result
}

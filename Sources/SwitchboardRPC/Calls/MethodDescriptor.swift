/// Names an rpc on the wire and says how its messages flow; generated for every rpc of a schema.
public struct MethodDescriptor: Sendable, Hashable, CustomStringConvertible {
  /// How many messages go each way.
  public enum Kind: Sendable, Hashable {
    /// One request, one response.
    case unary
    /// One request, a stream of responses.
    case serverStreaming
    /// A stream of requests, one response.
    case clientStreaming
    /// Streams both ways.
    case bidirectionalStreaming
  }

  /// The service's fully qualified name (`switchboard.chat.v1.Chats`).
  public var service: String { didSet { path = Self.path(service, method) } }
  /// The rpc's name as declared (`Intervene`).
  public var method: String { didSet { path = Self.path(service, method) } }
  /// How messages flow.
  public var kind: Kind

  /// The path that CALL_START frames carry: `switchboard.chat.v1.Chats/Intervene`. Stored,
  /// not computed: every call sends it, and building it allocated a string per call.
  public private(set) var path: String

  /// Creates a descriptor.
  public init(service: String, method: String, kind: Kind) {
    self.service = service
    self.method = method
    self.kind = kind
    path = Self.path(service, method)
  }

  private static func path(_ service: String, _ method: String) -> String { "\(service)/\(method)" }

  /// The path.
  public var description: String { path }
}

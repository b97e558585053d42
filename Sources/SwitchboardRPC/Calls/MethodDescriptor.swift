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
  public var service: String
  /// The rpc's name as declared (`Intervene`).
  public var method: String
  /// How messages flow.
  public var kind: Kind

  /// Creates a descriptor.
  public init(service: String, method: String, kind: Kind) {
    self.service = service
    self.method = method
    self.kind = kind
  }

  /// The path that CALL_START frames carry: `switchboard.chat.v1.Chats/Intervene`.
  public var path: String { "\(service)/\(method)" }

  /// The path.
  public var description: String { path }
}

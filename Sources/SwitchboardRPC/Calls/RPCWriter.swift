/// Sends the messages of a stream: a server-streaming handler's responses, or a streaming
/// client's requests.
///
/// `write` returns once the message is handed to the connection within the peer's
/// flow-control credit. When the peer reads slowly, `write` waits: memory stays bounded by the
/// window, never by how fast the producer runs. It throws once the call is over (the peer
/// cancelled, the deadline passed, the connection closed).
public struct RPCWriter<Element: Sendable>: Sendable {
  private let send: @Sendable (Element) async throws -> Void

  /// Creates a writer that hands each message to `send`: how tests and fakes collect what a
  /// handler or producer writes.
  public init(_ send: @escaping @Sendable (Element) async throws -> Void) {
    self.send = send
  }

  /// Sends one message, waiting for flow-control credit if there is none.
  public func write(_ message: Element) async throws {
    try await send(message)
  }

  /// Sends messages in order.
  public func write(contentsOf messages: some Sequence<Element>) async throws {
    for message in messages { try await send(message) }
  }
}

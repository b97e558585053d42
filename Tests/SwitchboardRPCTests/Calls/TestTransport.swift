import Testing

/// How a test's client reaches its server.
enum TestTransport: String, Sendable, CaseIterable, CustomTestStringConvertible {
  /// A real TCP connection over loopback.
  case tcp
  /// `RPCClient(inProcess:)`: the same protocol over a socket pair, no network.
  case inProcess

  var testDescription: String { rawValue }
}

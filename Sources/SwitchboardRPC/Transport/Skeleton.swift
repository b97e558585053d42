// TEMPORARY: lets the public API compile before the transport exists. Never on main.
public final class EventLoopGroup: Sendable {
  public static let shared = EventLoopGroup()
}
final class ServerEngine: Sendable {
  init(router: RPCRouter, configuration: RPCServer.Configuration) {}
  func serve(host: String, port: Int) async throws { fatalError() }
  func listeningPort() async throws -> Int { fatalError() }
  func beginGracefulShutdown() {}
}
enum ConnectionTarget: Sendable { case tcp(host: String, port: Int), inProcess(ServerEngine) }
final class ConnectionPool: Sendable {
  init(target: ConnectionTarget, configuration: RPCClient.Configuration) {}
  var preferredLoop: any TaskExecutor { fatalError() }
  func close() {}
}
final class ServerStream: Sendable {
  func singleRequest<T: WireMessage>() throws -> T { fatalError() }
  func writer<T: WireMessage>() -> RPCWriter<T> { fatalError() }
  func requests<T: WireMessage>() -> RPCMessageStream<T> { fatalError() }
  func send<T: WireMessage>(_ message: T) async throws { fatalError() }
}
extension RPCClient {
  func performUnary<Request: WireMessage, Response: WireMessage>(
    _ method: MethodDescriptor, request: Request, options: CallOptions
  ) async throws -> Response { fatalError() }
  func performStreaming<Request: WireMessage, Response: WireMessage, Result: Sendable>(
    _ method: MethodDescriptor, options: CallOptions, firstRequest: Request?,
    requestProducer: (@Sendable (RPCWriter<Request>) async throws -> Void)?,
    onResponse: (RPCMessageStream<Response>) async throws -> Result
  ) async throws -> Result { fatalError() }
}

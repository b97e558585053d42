import Dispatch
import RPCTestSchema
import SwitchboardRPC
import Synchronization
import Testing

/// `serve()` returns only once every handler has returned, so that a caller may then close
/// what the handlers use (a database, say) without a handler still touching it.
@Suite("Robustness: shutdown order", .timeLimit(.minutes(1)))
struct RobustShutdownOrderTests {
  /// A handler that keeps running for 300 ms after it is cancelled, as one finishing a write.
  final class RobustSlowToStopService: EchoService {
    let ended = Atomic<Bool>(false)
    let started: AsyncStream<Void>
    private let startedContinuation: AsyncStream<Void>.Continuation

    init() {
      (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
    }

    func get(_ request: EchoRequest, context: ServerContext) async throws -> EchoResponse {
      startedContinuation.yield()
      // Wait for the cancellation of the shutdown, then finish work that ignores it.
      while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(10)) }
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(300)) { continuation.resume() }
      }
      ended.store(true, ordering: .releasing)
      return EchoResponse(text: request.text)
    }

    func expand(_ request: EchoRequest, writer: RPCWriter<EchoResponse>, context: ServerContext) async throws {}

    func collect(_ requests: RPCMessageStream<EchoRequest>, context: ServerContext) async throws -> EchoResponse {
      EchoResponse()
    }

    func update(
      _ requests: RPCMessageStream<EchoRequest>, writer: RPCWriter<EchoResponse>, context: ServerContext
    ) async throws {}
  }

  @Test("serve() returns only after a cancelled handler has returned")
  func serveWaitsForHandlers() async throws {
    let service = RobustSlowToStopService()
    var configuration = RPCServer.Configuration()
    configuration.shutdownGracePeriod = .milliseconds(50)
    let server = RPCServer(host: "127.0.0.1", port: 0, services: [service], configuration: configuration)
    let serving = Task { try await server.serve() }
    let client = RPCClient(host: "127.0.0.1", port: try await server.listeningPort)
    defer { client.close() }
    let call = Task { try? await EchoClient(wrapping: client).get(EchoRequest(text: "slow")) }
    for await _ in service.started { break }
    server.beginGracefulShutdown()
    try await serving.value
    let ended = service.ended.load(ordering: .acquiring)
    #expect(ended, "serve() returned while a handler still ran")
    _ = await call.value
  }
}

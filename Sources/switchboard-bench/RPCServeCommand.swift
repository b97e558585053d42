import Dispatch
import SwitchboardRPC
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// `rpc serve --port P`: serves the benchmark's `Send` through the generated service stub,
/// printing `port=NNNN` first; SIGINT or SIGTERM shut it down gracefully.
enum RPCServeCommand {
  static func main(_ arguments: [String]) async -> Int32 {
    guard arguments.count == 2, arguments[0] == "--port", let port = Int(arguments[1]) else {
      printError("usage: switchboard-bench rpc serve --port P\n")
      return 2
    }
    let server = RPCServer(host: "127.0.0.1", port: port, services: [BenchResponder()])
    let signals = ShutdownSignals { server.beginGracefulShutdown() }
    do {
      try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.serve() }
        let bound = try await server.listeningPort
        // Straight to the file descriptor: the harness reads this line while we run.
        var line = "port=\(bound)\n"
        line.withUTF8 { _ = write(1, $0.baseAddress, $0.count) }
        try await group.waitForAll()
      }
    } catch {
      printError("switchboard-bench rpc serve: \(error)\n")
      return 1
    }
    withExtendedLifetime(signals) {}
    return 0
  }
}

/// The benchmark's handler: a counter and the request's length, nothing else.
final class BenchResponder: BenchService {
  private let counter = Atomic<UInt64>(0)

  func send(_ request: SendRequest, context: ServerContext) async throws -> SendResponse {
    let id = counter.add(1, ordering: .relaxed).newValue
    var body = [UInt8](repeating: 0, count: 16)
    for index in 0..<8 {
      body[index] = UInt8(truncatingIfNeeded: id >> (56 - 8 * index))
      body[8 + index] = UInt8(truncatingIfNeeded: UInt64(request.payload.count) >> (56 - 8 * index))
    }
    return SendResponse(body: body)
  }
}

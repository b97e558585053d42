import RPCTestSchema
import SwitchboardRPC
import Testing

/// Many calls at once over one connection and over a pool.
@Suite("Concurrent calls", .timeLimit(.minutes(1)))
struct ConcurrencyTests {
  static func client(connections: Int) -> RPCClient.Configuration {
    var configuration = RPCClient.Configuration()
    configuration.connections = connections
    return configuration
  }

  /// Makes `count` unary calls at once, checks each got its own answer, and returns the
  /// distinct caller addresses the server saw.
  static func unaryCalls(_ count: Int, _ echo: EchoClient) async throws -> Set<String> {
    try await withThrowingTaskGroup(of: (Int, EchoResponse).self) { group in
      for index in 0..<count {
        group.addTask {
          (
            index,
            try await echo.get(
              EchoRequest(text: "call \(index)"), options: TestEchoService.reportingPeer)
          )
        }
      }
      var peers: Set<String> = []
      var answered = 0
      for try await (index, response) in group {
        #expect(response.text == "call \(index)")
        peers.insert(response.detail)
        answered += 1
      }
      #expect(answered == count)
      return peers
    }
  }

  @Test("1,000 concurrent unary calls over one connection each get their own answer")
  func oneConnection() async throws {
    try await withEchoServer(client: Self.client(connections: 1)) { harness in
      let peers = try await Self.unaryCalls(1_000, harness.echo)
      #expect(peers.count == 1)
    }
  }

  @Test("1,000 concurrent unary calls spread over a pool of 4 connections")
  func pool() async throws {
    try await withEchoServer(client: Self.client(connections: 4)) { harness in
      let peers = try await Self.unaryCalls(1_000, harness.echo)
      #expect(peers.count == 4)
    }
  }

  @Test("1,000 concurrent unary calls in process")
  func inProcess() async throws {
    try await withEchoServer(over: .inProcess) { harness in
      let peers = try await Self.unaryCalls(1_000, harness.echo)
      #expect(peers == ["in-process"])
    }
  }

  @Test("streaming calls beyond the server's stream limit wait their turn and complete")
  func streamsBeyondTheLimit() async throws {
    var server = RPCServer.Configuration()
    server.maxConcurrentStreams = 16
    try await withEchoServer(server: server) { harness in
      try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<200 {
          group.addTask {
            if index.isMultiple(of: 2) {
              let texts = try await harness.echo.expand(EchoRequest(text: "s\(index)", count: 3)) {
                responses in
                var texts: [String] = []
                for try await response in responses {
                  texts.append("\(response.text)/\(response.index)")
                }
                return texts
              }
              #expect(texts == ["s\(index)/0", "s\(index)/1", "s\(index)/2"])
            } else {
              let texts = try await harness.echo.update { writer in
                try await writer.write(contentsOf: [
                  EchoRequest(text: "b\(index)"), EchoRequest(text: "c\(index)"),
                ])
              } onResponse: { responses in
                var texts: [String] = []
                for try await response in responses { texts.append(response.text) }
                return texts
              }
              #expect(texts == ["b\(index)", "c\(index)"])
            }
          }
        }
        try await group.waitForAll()
      }
    }
  }
}

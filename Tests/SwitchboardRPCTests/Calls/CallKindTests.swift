import RPCTestSchema
import SwitchboardRPC
import Synchronization
import Testing

/// The four kinds of call through the generated stubs, over TCP and in process.
@Suite("Call kinds", .timeLimit(.minutes(1)))
struct CallKindTests {
  @Test("a unary call echoes its request", arguments: TestTransport.allCases)
  func unary(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      let response = try await harness.echo.get(EchoRequest(text: "hello", payload: [1, 2, 3]))
      #expect(response.text == "hello")
      #expect(response.payload == [1, 2, 3])
      #expect(response.index == 0)
    }
  }

  @Test(
    "a server-streaming call returns count responses in order", arguments: TestTransport.allCases)
  func serverStreaming(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      let responses = try await harness.echo.expand(EchoRequest(text: "many", count: 5)) {
        responses in
        var seen: [EchoResponse] = []
        for try await response in responses { seen.append(response) }
        return seen
      }
      #expect(responses.map(\.index) == [0, 1, 2, 3, 4])
      #expect(responses.allSatisfy { $0.text == "many" })
    }
  }

  @Test(
    "a server-streaming call with count 0 ends without responses", arguments: TestTransport.allCases
  )
  func serverStreamingWithoutResponses(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      let count = try await harness.echo.expand(EchoRequest(text: "none", count: 0)) { responses in
        var count = 0
        for try await _ in responses { count += 1 }
        return count
      }
      #expect(count == 0)
    }
  }

  @Test("a client-streaming call collects every request", arguments: TestTransport.allCases)
  func clientStreaming(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      let response = try await harness.echo.collect { writer in
        for text in ["a", "b", "c", "d", "e"] {
          try await writer.write(EchoRequest(text: text, payload: [UInt8(ascii: "x")]))
        }
      }
      #expect(response.text == "a b c d e")
      #expect(response.index == 5)
      #expect(response.payload.count == 5)
    }
  }

  @Test(
    "a client-streaming call with no requests gets the empty summary",
    arguments: TestTransport.allCases)
  func clientStreamingWithoutRequests(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      let response = try await harness.echo.collect { _ in }
      #expect(response.text == "")
      #expect(response.index == 0)
    }
  }

  @Test(
    "a bidirectional call answers each request before the next is sent",
    arguments: TestTransport.allCases)
  func bidirectionalPingPong(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      let sent = Mutex(0)
      let (answered, answer) = AsyncStream<Int32>.makeStream()
      let responses = try await harness.echo.update { writer in
        var answers = answered.makeAsyncIterator()
        for index in 0..<5 {
          sent.withLock { $0 = index + 1 }
          try await writer.write(EchoRequest(text: "ping \(index)"))
          // The next request waits for this one's answer.
          guard await answers.next() == Int32(index) else { return }
        }
      } onResponse: { responses in
        var seen: [EchoResponse] = []
        for try await response in responses {
          // Only the request this answers has been sent.
          #expect(sent.withLock { $0 } == Int(response.index) + 1)
          seen.append(response)
          answer.yield(response.index)
        }
        answer.finish()
        return seen
      }
      #expect(responses.map(\.index) == [0, 1, 2, 3, 4])
      #expect(responses.map(\.text) == (0..<5).map { "ping \($0)" })
    }
  }

  @Test(
    "a bidirectional call answers requests that were all sent first",
    arguments: TestTransport.allCases)
  func bidirectionalAllRequestsFirst(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      let responses = try await harness.echo.update { writer in
        try await writer.write(contentsOf: (0..<20).map { EchoRequest(text: "burst \($0)") })
      } onResponse: { responses in
        var seen: [EchoResponse] = []
        for try await response in responses { seen.append(response) }
        return seen
      }
      #expect(responses.map(\.index) == Array(0..<20))
      #expect(responses.map(\.text) == (0..<20).map { "burst \($0)" })
    }
  }

  @Test("empty messages are real messages in every kind", arguments: TestTransport.allCases)
  func emptyMessages(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      // Every field at its default: each message is zero bytes on the wire.
      #expect(EchoRequest().serializedSize() == 0 && EchoResponse().serializedSize() == 0)
      #expect(try await harness.echo.get(EchoRequest()) == EchoResponse())
      let expanded = try await harness.echo.expand(EchoRequest(count: 1)) { responses in
        var seen: [EchoResponse] = []
        for try await response in responses { seen.append(response) }
        return seen
      }
      #expect(expanded == [EchoResponse()])
      let collected = try await harness.echo.collect { writer in
        try await writer.write(contentsOf: [EchoRequest(), EchoRequest(), EchoRequest()])
      }
      #expect(collected.index == 3)
      let updated = try await harness.echo.update { writer in
        try await writer.write(contentsOf: [EchoRequest(), EchoRequest()])
      } onResponse: { responses in
        var seen: [EchoResponse] = []
        for try await response in responses { seen.append(response) }
        return seen
      }
      #expect(updated.map(\.index) == [0, 1])
    }
  }

  @Test(
    "a unary call larger than the flow-control windows arrives whole",
    arguments: TestTransport.allCases)
  func unaryBeyondTheWindows(transport: TestTransport) async throws {
    try await withEchoServer(over: transport) { harness in
      // 3 MiB each way: past the 1 MiB call window, under the 4 MiB message limit.
      let payload = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
      let response = try await harness.echo.get(EchoRequest(text: "bulk", payload: payload))
      #expect(response.payload == payload)
    }
  }

  @Test(
    "streams larger than the flow-control windows arrive whole", arguments: TestTransport.allCases)
  func streamsBeyondTheWindows(transport: TestTransport) async throws {
    // 40 responses of 64 KiB: 2.5 MiB, past the 1 MiB call window, so the reader's pace
    // returns the credit.
    try await withEchoServer(over: transport) { harness in
      let total = try await harness.echo.expand(
        EchoRequest(text: "big", count: 40, responseSize: 64 << 10)
      ) { responses in
        var total = 0
        for try await response in responses { total += response.payload.count }
        return total
      }
      #expect(total == 40 * (64 << 10))
      let collected = try await harness.echo.collect { writer in
        for _ in 0..<40 {
          try await writer.write(EchoRequest(payload: [UInt8](repeating: 1, count: 64 << 10)))
        }
      }
      #expect(collected.payload.count == 40 * (64 << 10))
    }
  }
}

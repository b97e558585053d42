import RPCTestSchema
import SwitchboardFraming
import SwitchboardRPC
import Testing

/// The client's one transparent retry of a call the server refused before running it (END
/// with flag REFUSED, PROTOCOL.md 5.8 and 7.6), against a server scripted frame by frame.
@Suite("Robustness: transparent retry", .timeLimit(.minutes(1)))
struct RobustRetryTests {
  @Test("a unary call refused before it ran is retried once, and the caller never knows")
  func unaryRefusedOnce() async throws {
    let (client, call, raw) = try await Self.scripted("the retried call") { echo in
      try await echo.get(EchoRequest(text: "retry me"))
    }
    defer { client.close() }
    var starts: [CallStartFrame] = []
    serving: while let frame = try await raw.nextFrameIgnoringSettingsAcks() {
      switch frame {
      case .callStart(let start):
        starts.append(start)
        if starts.count == 1 { try raw.send(.end(Self.refusal(start.streamID))) }
      case .message(let message) where starts.count == 2 && message.streamID == starts[1].streamID:
        let request = try EchoRequest(serializedBytes: message.payload)
        let reply = EchoResponse(text: request.text, detail: "second attempt")
        try raw.send(
          .message(MessageFrame(streamID: message.streamID, payload: reply.serializedBytes()[...])),
          .end(EndFrame(streamID: message.streamID, status: .ok)))
        break serving
      default:
        continue
      }
    }
    let response = try await call.value
    #expect(response.text == "retry me")
    #expect(response.detail == "second attempt")
    try await Self.expectNoFurtherCallStarts(raw, after: &starts, closing: client)
    #expect(starts.count == 2)
    #expect(starts.allSatisfy { $0.method == RobustRawConnection.getPath })
    #expect(starts.count == 2 && starts[1].streamID > starts[0].streamID)
  }

  @Test("a call refused a second time fails with unavailable, without a third attempt")
  func unaryRefusedTwice() async throws {
    let (client, call, raw) = try await Self.scripted("the refused call") { echo in
      try await echo.get(EchoRequest(text: "refuse me"))
    }
    defer { client.close() }
    var starts: [CallStartFrame] = []
    while starts.count < 2, let frame = try await raw.nextFrameIgnoringSettingsAcks() {
      if case .callStart(let start) = frame {
        starts.append(start)
        try raw.send(.end(Self.refusal(start.streamID)))
      }
    }
    let error = await #expect(throws: RPCError.self) { try await call.value }
    #expect(error?.code == .unavailable)
    #expect(error?.message.contains("stream limit") == true, "message: \(error?.message ?? "")")
    try await Self.expectNoFurtherCallStarts(raw, after: &starts, closing: client)
    #expect(starts.count == 2)
  }

  @Test("a refused server-streaming call is retried, and its reader gets the responses")
  func serverStreamingRefusedOnce() async throws {
    let (client, call, raw) = try await Self.scripted("the retried stream") { echo in
      try await echo.expand(EchoRequest(text: "stream", count: 3)) {
        responses in
        try await responses.reduce(into: [Int32]()) { $0.append($1.index) }
      }
    }
    defer { client.close() }
    var starts: [CallStartFrame] = []
    serving: while let frame = try await raw.nextFrameIgnoringSettingsAcks() {
      switch frame {
      case .callStart(let start):
        starts.append(start)
        if starts.count == 1 { try raw.send(.end(Self.refusal(start.streamID))) }
      case .message(let message) where starts.count == 2 && message.streamID == starts[1].streamID:
        let request = try EchoRequest(serializedBytes: message.payload)
        var frames: [Frame] = (0..<request.count).map { index in
          .message(
            MessageFrame(
              streamID: message.streamID, payload: EchoResponse(index: index).serializedBytes()[...]
            ))
        }
        frames.append(.end(EndFrame(streamID: message.streamID, status: .ok)))
        try raw.send(RobustRawConnection.encode(frames))
        break serving
      default:
        continue
      }
    }
    #expect(try await call.value == [0, 1, 2])
    try await Self.expectNoFurtherCallStarts(raw, after: &starts, closing: client)
    #expect(starts.count == 2)
  }

  /// A client whose one call (`body`, run as a task within the patience) goes to a raw
  /// listener the test scripts: returns the client, the call, and the accepted connection with
  /// the server's side of the opening done.
  static func scripted<T: Sendable>(
    _ label: String, _ body: @escaping @Sendable (EchoClient) async throws -> T
  ) async throws -> (RPCClient, Task<T, any Error>, RobustRawConnection) {
    let listener = try RobustRawListener()
    let client = robustClient(port: listener.port)
    let call = Task { try await robustWithin(robustPatience, label) { try await body(EchoClient(wrapping: client)) } }
    let raw = try await listener.accept()
    try await raw.serverHandshake()
    return (client, call, raw)
  }

  /// The END of a call the server never ran: safe to retry.
  static func refusal(_ streamID: UInt32) -> EndFrame {
    EndFrame(
      streamID: streamID, status: .unavailable, message: "over this connection's stream limit",
      refused: true)
  }

  /// Closes `client`, reads what it sent until its connection closed, and adds the CALL_STARTs
  /// among it to `starts`.
  static func expectNoFurtherCallStarts(
    _ raw: RobustRawConnection, after starts: inout [CallStartFrame], closing client: RPCClient
  ) async throws {
    client.close()
    for frame in try await raw.framesUntilClosed() {
      if case .callStart(let start) = frame { starts.append(start) }
    }
  }
}

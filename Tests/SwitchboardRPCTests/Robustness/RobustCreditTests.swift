import RPCTestSchema
import SwitchboardFraming
import SwitchboardRPC
import Testing

/// The WINDOW_UPDATEs each side sends for a message spread over several frames, read off the
/// wire: credit goes back for bytes as they are consumed (PROTOCOL.md section 9), never more
/// than the peer sent, or the window stops bounding what a slow reader buffers.
@Suite("Robustness: flow-control credit", .timeLimit(.minutes(1)))
struct RobustCreditTests {
  static let window = 64 * 1024
  /// A message of exactly three full frames of 16 KiB once encoded: the window's threshold for
  /// returning credit (half of it) is crossed after the second frame.
  static let payloadSize = 3 * 16_384 - 4

  @Test("the client grants back no more than the response bytes it consumed")
  func clientCredit() async throws {
    let listener = try RobustRawListener()
    let client = robustClient(port: listener.port) { $0.limits.streamWindowSize = Self.window }
    defer { client.close() }
    let consumed = RobustCounter()
    let call = Task {
      try await robustWithin(robustPatience, "the server stream") {
        try await EchoClient(wrapping: client).expand(EchoRequest(count: 1)) { responses in
          try await responses.reduce(into: [Int]()) { sizes, response in
            sizes.append(response.payload.count)
            consumed.increment()
          }
        }
      }
    }
    let raw = try await listener.accept()
    try await raw.serverHandshake()
    var streamID: UInt32?
    var frames: [Frame] = []
    while streamID == nil, let frame = try await raw.nextFrameIgnoringSettingsAcks() {
      frames.append(frame)
      if case .message(let message) = frame, message.endStream { streamID = message.streamID }
    }
    let stream = try #require(streamID, "the client sent no request")
    let response = EchoResponse(payload: RobustEchoService.payload(size: Self.payloadSize, seed: 0))
      .serializedBytes()
    try #require(response.count == 3 * 16_384)
    var bytes: [UInt8] = []
    try FrameEncoder.appendMessage(
      response[...], streamID: stream, maxFramePayloadSize: 16_384, into: &bytes)
    try raw.send(bytes)
    // The reader took the message: what it granted for it is on the wire before the END.
    #expect(await consumed.wait(atLeast: 1))
    try raw.send(.end(EndFrame(streamID: stream, status: .ok)))
    #expect(try await call.value == [Self.payloadSize])
    client.close()
    frames += try await raw.framesUntilClosed()
    let granted = Self.granted(on: stream, in: frames)
    #expect(
      granted <= response.count, "granted \(granted) bytes for a message of \(response.count)")
    #expect(granted > 0, "a message past half the window must return credit")
  }

  @Test("the server grants back no more than the request bytes its handler consumed")
  func serverCredit() async throws {
    let service = RobustEchoService()
    let configuration = RPCServer.Configuration.robust { $0.limits.streamWindowSize = Self.window }
    try await RobustServer.with(service: service, configuration: configuration) { server in
      let raw = try RobustRawConnection(connectingTo: server.port)
      try await raw.clientHandshake()
      let request = EchoRequest(payload: RobustEchoService.payload(size: Self.payloadSize, seed: 0))
        .serializedBytes()
      try #require(request.count == 3 * 16_384)
      var bytes = RobustRawConnection.encode([
        .callStart(CallStartFrame(streamID: 1, method: Echo.Method.Collect.descriptor.path))
      ])
      try FrameEncoder.appendMessage(
        request[...], streamID: 1, maxFramePayloadSize: 16_384, into: &bytes)
      try raw.send(bytes)
      // The handler took the request: what the server granted for it is on the wire already.
      #expect(await service.requestsRead.wait(atLeast: 1))
      try raw.send(.halfClose(HalfCloseFrame(streamID: 1)))
      var frames: [Frame] = []
      var end: EndFrame?
      while end == nil, let frame = try await raw.nextFrameIgnoringSettingsAcks() {
        frames.append(frame)
        if case .end(let frame) = frame, frame.streamID == 1 { end = frame }
      }
      #expect(end?.status == .ok)
      let granted = Self.granted(on: 1, in: frames)
      #expect(
        granted <= request.count, "granted \(granted) bytes for a message of \(request.count)")
      #expect(granted > 0, "a message past half the window must return credit")
    }
  }

  /// The credit WINDOW_UPDATEs in `frames` gave stream `streamID`.
  static func granted(on streamID: UInt32, in frames: [Frame]) -> Int {
    frames.reduce(0) { total, frame in
      guard case .windowUpdate(let update) = frame, update.streamID == streamID else {
        return total
      }
      return total + Int(update.increment)
    }
  }
}

import RPCTestSchema
import SwitchboardFraming
import SwitchboardRPC
import Testing

/// The client against a server that is not one, speaks another version, or breaks the
/// protocol mid-call (PROTOCOL.md 2.3 and 11): the caller gets `unavailable` with a reason, and
/// a broken connection is answered with GOAWAY.
@Suite("Robustness: a misbehaving server", .timeLimit(.minutes(1)))
struct RobustServerAbuseTests {
  /// What a scripted server answers to the client's preface and SETTINGS.
  struct Answer: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    /// A phrase the caller's error message must contain.
    var phrase: String

    var testDescription: String { name }
  }

  static let answers: [Answer] = [
    Answer(
      name: "an HTTP/1.1 response", bytes: Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8),
      phrase: "not a Switchboard server"),
    Answer(
      name: "another protocol version and its GOAWAY",
      bytes: ConnectionPreface.bytes(version: 2)
        + RobustRawConnection.encode([
          .goAway(
            GoAwayFrame(
              lastStreamID: 0, code: .unsupportedVersion,
              message: "unsupported protocol version 1; this server supports version 2"))
        ]),
      phrase: "this server supports version 2"),
    Answer(name: "nothing: the server hangs up", bytes: [], phrase: "closed"),
  ]

  @Test("a server that refuses the opening fails the call with unavailable", arguments: answers)
  func refusedOpening(_ answer: Answer) async throws {
    let listener = try RobustRawListener()
    let client = robustClient(port: listener.port)
    defer { client.close() }
    let call = Task {
      try await robustWithin(robustPatience, "the call") {
        try await EchoClient(wrapping: client).get(EchoRequest(text: "hello?"))
      }
    }
    let raw = try await listener.accept()
    #expect(try await raw.readPreface() == ConnectionPreface.currentVersion)
    try raw.send(answer.bytes)
    raw.close()
    let error = await #expect(throws: RPCError.self) { try await call.value }
    #expect(error?.code == .unavailable)
    #expect(error?.message.contains(answer.phrase) == true, "message: \(error?.message ?? "")")
  }

  @Test("a server that breaks the protocol mid-call fails the call and gets a GOAWAY")
  func brokenMidCall() async throws {
    let listener = try RobustRawListener()
    let client = robustClient(port: listener.port)
    defer { client.close() }
    let call = Task {
      try await robustWithin(robustPatience, "the call") {
        try await EchoClient(wrapping: client).get(EchoRequest(text: "hello?"))
      }
    }
    let raw = try await listener.accept()
    try await raw.serverHandshake()
    var streamID: UInt32?
    while streamID == nil, let frame = try await raw.nextFrameIgnoringSettingsAcks() {
      if case .callStart(let start) = frame { streamID = start.streamID }
    }
    let stream = try #require(streamID)
    // CALL_START goes from clients to servers only.
    try raw.send(.callStart(CallStartFrame(streamID: stream, method: RobustRawConnection.getPath)))
    let error = await #expect(throws: RPCError.self) { try await call.value }
    #expect(error?.code == .unavailable)
    let frames = try await raw.framesUntilClosed().filter { $0.kind == .goAway }
    guard case .goAway(let goAway)? = frames.last, frames.count == 1 else {
      Issue.record("expected one GOAWAY from the client, got \(frames)")
      return
    }
    #expect(goAway.code == .protocolError)
    #expect(goAway.message.contains("CALL_START"))
  }
}

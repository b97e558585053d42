import RPCTestSchema
import SwitchboardFraming
import SwitchboardRPC
import SwitchboardTestSupport
import Testing

/// A peer that breaks the protocol over a real socket: the server answers a connection error
/// with the GOAWAY that PROTOCOL.md section 11 names, closes that connection and keeps serving
/// every other one; what section 12 says to tolerate, it tolerates.
@Suite("Robustness: protocol abuse", .timeLimit(.minutes(1)))
struct RobustProtocolAbuseTests {
  /// Bytes a misbehaving client sends, and the GOAWAY they must earn.
  struct Abuse: Sendable, CustomTestStringConvertible {
    var name: String
    /// Whether the client completes the opening exchange before misbehaving.
    var handshakeFirst: Bool
    var bytes: [UInt8]
    var code: GoAwayCode
    /// A phrase the GOAWAY's message must contain, so a person can tell what went wrong.
    var phrase: String

    var testDescription: String { name }
  }

  static let abuses: [Abuse] = [
    Abuse(
      name: "an HTTP/1.1 request instead of the preface", handshakeFirst: false,
      bytes: Array("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8), code: .protocolError,
      phrase: "preface"),
    Abuse(
      name: "random bytes instead of the preface", handshakeFirst: false,
      bytes: garbage(count: 64, seed: 0x5eed), code: .protocolError, phrase: "preface"),
    Abuse(
      name: "the magic with its line ending mangled", handshakeFirst: false,
      bytes: Array("SWBD\n".utf8) + [1, 0]
        + RobustRawConnection.encode([.settings(SettingsFrame())]),
      code: .protocolError, phrase: "preface"),
    Abuse(
      name: "an unknown protocol version", handshakeFirst: false,
      bytes: ConnectionPreface.bytes(version: 2)
        + RobustRawConnection.encode([.settings(SettingsFrame())]),
      code: .unsupportedVersion,
      phrase: "unsupported protocol version 2; this server supports version 1"),
    Abuse(
      name: "a PING where the first SETTINGS belongs", handshakeFirst: false,
      bytes: ConnectionPreface.bytes() + RobustRawConnection.encode([.ping(PingFrame(payload: 1))]),
      code: .protocolError, phrase: "SETTINGS"),
    Abuse(
      name: "a frame header announcing more than the maximum frame size", handshakeFirst: true,
      // MESSAGE on stream 1 announcing 16,385 bytes; the body never comes.
      bytes: [0x00, 0x40, 0x01, 0x06, 0x00, 0x00, 0x00, 0x00, 0x01], code: .frameSizeError,
      phrase: "16385"),
    Abuse(
      name: "a CALL_START whose payload is cut short", handshakeFirst: true,
      bytes: truncatedCallStart(), code: .protocolError, phrase: "CALL_START"),
    Abuse(
      name: "a MESSAGE on a stream never opened", handshakeFirst: true,
      bytes: RobustRawConnection.encode([.message(MessageFrame(streamID: 7, payload: [1, 2, 3]))]),
      code: .protocolError, phrase: "never opened"),
    Abuse(
      name: "a stream id with the reserved bit set", handshakeFirst: true,
      bytes: [0x00, 0x00, 0x00, 0x07, 0x00, 0x80, 0x00, 0x00, 0x01], code: .protocolError,
      phrase: "reserved"),
    Abuse(
      name: "an END sent by a client", handshakeFirst: true,
      bytes: RobustRawConnection.encode([.end(EndFrame(streamID: 1, status: .ok))]),
      code: .protocolError, phrase: "END"),
  ]

  @Test("a connection error earns GOAWAY and a close of that connection only", arguments: abuses)
  func connectionError(_ abuse: Abuse) async throws {
    try await RobustServer.with { server in
      let raw = try RobustRawConnection(connectingTo: server.port)
      if abuse.handshakeFirst { try await raw.clientHandshake() }
      try raw.send(abuse.bytes)
      if !abuse.handshakeFirst {
        // Even a refused peer gets the server's preface first, so it can read the GOAWAY.
        #expect(try await raw.readPreface() == ConnectionPreface.currentVersion)
      }
      // The server's SETTINGS and acknowledgements may come first; then GOAWAY, then the end.
      let frames = try await raw.framesUntilClosed().filter { $0.kind != .settings }
      #expect(raw.peerClosed)
      try #require(frames.count == 1, "expected only a GOAWAY, got \(frames)")
      guard case .goAway(let goAway) = frames[0] else {
        Issue.record("expected GOAWAY, got \(frames[0])")
        return
      }
      #expect(goAway.code == abuse.code)
      #expect(goAway.lastStreamID == 0)
      #expect(goAway.message.contains(abuse.phrase), "GOAWAY message: \(goAway.message)")
      await robustExpectServes(port: server.port)
    }
  }

  @Test("a frame kind this version does not know is ignored on the connection")
  func unknownConnectionKind() async throws {
    try await RobustServer.with { server in
      let raw = try RobustRawConnection(connectingTo: server.port)
      try await raw.clientHandshake()
      try raw.send(
        .unknown(
          kind: FrameKind(rawValue: 0x2a), flags: FrameFlags(rawValue: 0xff), streamID: 0,
          payload: [1, 2, 3, 4]),
        .ping(PingFrame(payload: 0x1122_3344_5566_7788)))
      let answer = try await raw.nextFrameIgnoringSettingsAcks()
      #expect(answer == .ping(PingFrame(payload: 0x1122_3344_5566_7788, isAck: true)))
      let (response, end) = try await raw.get(EchoRequest(text: "after kind 0x2a"), streamID: 1)
      #expect(response.text == "after kind 0x2a")
      #expect(end.status == .ok)
    }
  }

  @Test("a frame kind this version does not know ends the open call it names, and nothing else")
  func unknownCallKind() async throws {
    try await RobustServer.with { server in
      let raw = try RobustRawConnection(connectingTo: server.port)
      try await raw.clientHandshake()
      // A client-streaming call stays open until the client half-closes.
      try raw.send(
        .callStart(CallStartFrame(streamID: 1, method: Echo.Method.Collect.descriptor.path)),
        .unknown(kind: FrameKind(rawValue: 0x0b), flags: [], streamID: 1, payload: [9]))
      let answer = try await raw.nextFrameIgnoringSettingsAcks()
      guard case .end(let end) = answer else {
        Issue.record("expected END on stream 1, got \(String(describing: answer))")
        return
      }
      #expect(end.streamID == 1)
      #expect(end.status == .unimplemented)
      #expect(!end.refused)
      // On an idle stream the unknown kind opens nothing: stream 3 is still free to start.
      try raw.send(.unknown(kind: FrameKind(rawValue: 0x0b), flags: [], streamID: 99, payload: []))
      let (response, after) = try await raw.get(EchoRequest(text: "next call"), streamID: 3)
      #expect(response.text == "next call")
      #expect(after.status == .ok)
      await robustExpectServes(port: server.port)
    }
  }

  @Test("a connection error on a draining connection closes it, and the drain completes")
  func connectionErrorWhileDraining() async throws {
    let service = RobustEchoService()
    let server = try await RobustServer.start(
      service: service, configuration: .robust { $0.shutdownGracePeriod = robustPatience * 2 })
    let raw = try RobustRawConnection(connectingTo: server.port)
    try await raw.clientHandshake()
    // A slow call keeps the connection draining rather than closing at once.
    try raw.send(
      .callStart(CallStartFrame(streamID: 1, method: RobustRawConnection.getPath)),
      .message(
        MessageFrame(
          streamID: 1,
          payload: EchoRequest(delayMs: robustStuckMilliseconds).serializedBytes()[...],
          endStream: true
        )))
    #expect(await service.started.wait(atLeast: 1))
    server.server.beginGracefulShutdown()
    let drain = try await raw.nextFrameIgnoringSettingsAcks()
    guard case .goAway(let first) = drain else {
      Issue.record("expected the drain's GOAWAY, got \(String(describing: drain))")
      return
    }
    #expect(first.code == .noError)
    try raw.send(.end(EndFrame(streamID: 1, status: .ok)))
    let frames = try await raw.framesUntilClosed().filter { $0.kind != .settings }
    guard case .goAway(let last)? = frames.last else {
      Issue.record("expected a GOAWAY for the END, got \(frames)")
      return
    }
    #expect(last.code == .protocolError)
    #expect(last.lastStreamID == 1)
    try await robustWithin(robustPatience, "serve() to return") { try await server.serving.value }
    #expect(await service.cancelled.wait(atLeast: 1), "the handler was left running")
  }

  @Test("nothing writes to a connection after the GOAWAY of its connection error")
  func quietAfterConnectionError() async throws {
    // An idle timeout shorter than the time a failed connection lingers to let its peer read
    // the GOAWAY: the idle timer must not write into the half-closed socket.
    let configuration = RPCServer.Configuration.robust { $0.idleTimeout = .milliseconds(400) }
    try await RobustServer.with(configuration: configuration) { server in
      let raw = try RobustRawConnection(connectingTo: server.port)
      // The opening and the offending frames in one write: the connection is never idle
      // before its error, however loaded the machine.
      try raw.send(
        ConnectionPreface.bytes()
          + RobustRawConnection.encode([
            .settings(SettingsFrame([])),
            .callStart(CallStartFrame(streamID: 1, method: Echo.Method.Collect.descriptor.path)),
            .end(EndFrame(streamID: 1, status: .ok)),
          ]))
      #expect(try await raw.readPreface() == ConnectionPreface.currentVersion)
      let frames = try await raw.framesUntilClosed().filter { $0.kind != .settings }
      #expect(frames.map(\.kind) == [.goAway])
      // The idle timeout passes while the server still lingers (1 s) on the failed connection.
      try await Task.sleep(for: .milliseconds(700))
      await robustExpectServes(port: server.port)
    }
  }

  @Test("a peer granting huge windows and not reading holds the writer back; its connection error then closes without SIGPIPE")
  func connectionErrorWithFullSocket() async throws {
    let service = RobustEchoService()
    try await RobustServer.with(service: service) { server in
      // A small receive buffer, so that the server's output overflows the socket quickly.
      let raw = try RobustRawConnection(connectingTo: server.port, receiveBuffer: 16 * 1024)
      // Windows so large that only the socket and the server's own output limit hold it back.
      try await raw.clientHandshake(settings: [
        SettingParameter(.initialStreamWindowSize, 1 << 30),
        SettingParameter(.initialConnectionWindowSize, 1 << 30),
      ])
      let count = 1000
      let size = 16_000
      let request = EchoRequest(count: Int32(count), responseSize: Int32(size))
      try raw.send(
        .callStart(CallStartFrame(streamID: 1, method: Echo.Method.Expand.descriptor.path)),
        .message(
          MessageFrame(streamID: 1, payload: request.serializedBytes()[...], endStream: true)))
      // 16 MB of responses, unread: the writer must stop once the kernel's buffers (at most
      // 4 MiB of send buffer here) and the server's output limit are full.
      #expect(await service.writesCompleted.wait(atLeast: 40))
      var last = -1
      while service.writesCompleted.value != last {
        last = service.writesCompleted.value
        try await Task.sleep(for: .milliseconds(200))
      }
      #expect(last * size < (4 << 20) + 512 * 1024 + 4 * size)
      #expect(last < count)
      try raw.send(.end(EndFrame(streamID: 1, status: .ok)))
      // The GOAWAY is queued behind them; the server must give the connection up, and live.
      _ = try await raw.discardUntilClosed()
      #expect(raw.peerClosed)
      await robustExpectServes(port: server.port)
    }
  }

  @Test("a client that vanishes in the middle of a server stream costs the server nothing")
  func clientVanishesMidStream() async throws {
    let service = RobustEchoService()
    try await RobustServer.with(service: service) { server in
      let raw = try RobustRawConnection(connectingTo: server.port)
      try await raw.clientHandshake()
      let request = EchoRequest(count: 100_000, responseSize: 4096)
      try raw.send(
        .callStart(CallStartFrame(streamID: 1, method: Echo.Method.Expand.descriptor.path)),
        .message(
          MessageFrame(streamID: 1, payload: request.serializedBytes()[...], endStream: true)))
      let first = try await raw.nextFrameIgnoringSettingsAcks()
      guard case .message = first else {
        Issue.record("expected a response MESSAGE, got \(String(describing: first))")
        return
      }
      // Unread responses are waiting: closing now resets the connection under the writer.
      raw.close()
      #expect(await service.finished.wait(atLeast: 1), "the handler was left running")
      #expect(service.writesCompleted.value < 100_000)
      await robustExpectServes(port: server.port)
    }
  }

  /// `count` seeded random bytes that cannot start a preface.
  static func garbage(count: Int, seed: UInt64) -> [UInt8] {
    var generator = SeededGenerator(seed: seed)
    var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    if bytes[0] == ConnectionPreface.magic[0] { bytes[0] = 0 }
    return bytes
  }

  /// A CALL_START with metadata whose header and payload lose the last 3 bytes: the metadata
  /// value's length then overruns the payload.
  static func truncatedCallStart() -> [UInt8] {
    var metadata = FrameMetadata()
    try! metadata.append(key: "request-id", value: "7f3a")
    var bytes = RobustRawConnection.encode([
      .callStart(
        CallStartFrame(streamID: 1, method: RobustRawConnection.getPath, metadata: metadata))
    ])
    bytes.removeLast(3)
    let length = bytes.count - FrameHeader.size
    bytes[0] = UInt8(truncatingIfNeeded: length >> 16)
    bytes[1] = UInt8(truncatingIfNeeded: length >> 8)
    bytes[2] = UInt8(truncatingIfNeeded: length)
    return bytes
  }
}

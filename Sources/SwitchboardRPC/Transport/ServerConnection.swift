internal import Glibc
internal import SwitchboardFraming

/// The server's side of one connection: the opening exchange, calls by stream id, limits,
/// draining, and connection errors answered with GOAWAY.
///
/// Loop-confined (see ``EventLoop``); the engine reaches it from other threads only through
/// `loop.execute`, hence `@unchecked Sendable`.
final class ServerConnection: FramedConnection, @unchecked Sendable {
  enum Phase {
    case awaitingPreface
    case awaitingSettings
    case active
  }

  let engine: ServerEngine
  private var phase = Phase.awaitingPreface
  private(set) var streams: [UInt32: ServerStream] = [:]
  /// The highest call id the client opened: ids at or below it are closed when not open.
  private var highestStreamID: UInt32 = 0
  /// Set while draining: no new calls; close once the last call ends.
  private var isDraining = false
  private var handshakeTimer: LoopTimer?
  private var idleTimer: LoopTimer?
  private var graceTimer: LoopTimer?

  init(fd: Int32, loop: EventLoop, peer: String, engine: ServerEngine) {
    self.engine = engine
    let configuration = engine.configuration
    super.init(
      fd: fd, loop: loop, peer: peer,
      localSettings: configuration.limits.settings(
        maxConcurrentStreams: UInt32(clamping: configuration.maxConcurrentStreams)),
      keepalive: configuration.keepaliveInterval.map { ($0, configuration.keepaliveTimeout) })
  }

  /// Registers with the loop and starts the handshake timer.
  func start() {
    loop.register(fd, handler: self)
    handshakeTimer = loop.schedule(after: engine.configuration.handshakeTimeout) { [weak self] in
      guard let self, self.phase != .active else { return }
      // A peer reads GOAWAY only after the server's preface (PROTOCOL.md 2.3), which has not
      // gone out yet if the client never finished its own.
      if self.phase == .awaitingPreface { ConnectionPreface.encode(into: &self.output) }
      self.connectionFailed(
        GoAwayFrame(lastStreamID: 0, code: .protocolError, message: "no preface and SETTINGS within the handshake timeout"),
        RPCError(code: .unavailable, message: "handshake timeout"))
    }
  }

  // MARK: Input

  override func processInput() {
    do {
      if phase == .awaitingPreface {
        switch decoder.readPreface() {
        case .needMoreBytes: return
        case .invalid(let error):
          ConnectionPreface.encode(into: &output)
          connectionFailed(GoAwayFrame(error: error, lastStreamID: 0), RPCError(code: .unavailable, message: error.message))
          return
        case .valid(let version):
          ConnectionPreface.encode(into: &output)
          guard version == ConnectionPreface.currentVersion else {
            connectionFailed(
              .unsupportedVersion(version, supported: [ConnectionPreface.currentVersion]),
              RPCError(code: .unavailable, message: "unsupported protocol version \(version)"))
            return
          }
          write(.settings(SettingsFrame(localSettings.nonDefaultParameters)))
          phase = .awaitingSettings
        }
      }
      while !isClosed, !isLingering, let frame = try decoder.nextFrame() {
        try handle(frame)
      }
    } catch {
      connectionFailed(GoAwayFrame(error: error, lastStreamID: highestStreamID), RPCError(code: .unavailable, message: error.message))
    }
  }

  private func handle(_ frame: Frame) throws(FramingError) {
    if phase == .awaitingSettings {
      guard case .settings(let settings) = frame, !settings.isAck else {
        throw FramingError(.malformedFrame, "the first frame after the preface must be SETTINGS, not \(frame.kind)", kind: frame.kind, streamID: frame.streamID)
      }
      try receiveSettings(settings)
      phase = .active
      handshakeTimer?.cancel()
      handshakeTimer = nil
      startKeepalive()
      armIdleTimer()
      return
    }
    switch frame {
    case .settings(let settings): try receiveSettings(settings)
    case .ping(let ping): receivePing(ping)
    case .goAway: beginDrain()
    case .windowUpdate(let update):
      if update.streamID == 0 {
        try receiveConnectionWindowUpdate(update)
      } else if let stream = streams[update.streamID] {
        try stream.windowUpdate(update.increment)
      } else {
        try checkClosed(update.streamID, .windowUpdate)
      }
    case .callStart(let start): try receiveCallStart(start)
    case .message(let message):
      try receiveMessageBytes(message.payload.count)
      guard let stream = streams[message.streamID] else {
        try checkClosed(message.streamID, .message)
        return
      }
      guard stream.state == .open else {
        throw FramingError(.malformedFrame, "MESSAGE on stream \(message.streamID) after the client half-closed it", kind: .message, streamID: message.streamID)
      }
      try stream.receive(message)
    case .halfClose(let halfClose):
      guard let stream = streams[halfClose.streamID] else {
        try checkClosed(halfClose.streamID, .halfClose)
        return
      }
      guard stream.state == .open else {
        throw FramingError(.malformedFrame, "HALF_CLOSE on stream \(halfClose.streamID), which the client already half-closed", kind: .halfClose, streamID: halfClose.streamID)
      }
      stream.halfClose()
    case .cancel(let cancel):
      if let stream = streams[cancel.streamID] {
        stream.cancelledByClient()
      } else {
        try checkClosed(cancel.streamID, .cancel)
      }
    case .end(let end):
      throw FramingError(.malformedFrame, "END is sent by servers only; the client sent one on stream \(end.streamID)", kind: .end, streamID: end.streamID)
    case .unknown(let kind, _, let streamID, _):
      // Newer peers may add frames: ignore them on the connection, refuse them on a call.
      if streamID != 0, let stream = streams[streamID] {
        stream.finish(RPCError(code: .unimplemented, message: "this server does not understand frame kind \(kind) on a call"))
      }
    }
  }

  /// A frame for a stream that is not open: ignored if the stream was used before, a
  /// connection error if it was never opened.
  private func checkClosed(_ streamID: UInt32, _ kind: FrameKind) throws(FramingError) {
    guard streamID <= highestStreamID else {
      throw FramingError(.malformedFrame, "\(kind) on stream \(streamID), which was never opened", kind: kind, streamID: streamID)
    }
  }

  private func receiveCallStart(_ frame: CallStartFrame) throws(FramingError) {
    let id = frame.streamID
    guard id > highestStreamID else {
      throw FramingError(.malformedFrame, "CALL_START reuses stream id \(id); ids must grow (highest so far \(highestStreamID))", kind: .callStart, streamID: id)
    }
    highestStreamID = id
    if isDraining {
      refuse(id, "the server is shutting down; retry on another connection")
      return
    }
    guard streams.count < Int(localSettings.maxConcurrentStreams) else {
      refuse(id, "this connection already runs \(streams.count) calls, the most the server allows")
      return
    }
    guard let method = engine.router.methods[frame.method] else {
      write(.end(EndFrame(streamID: id, status: .unimplemented, message: "method \(frame.method) is not served here")))
      return
    }
    var deadline: ContinuousClock.Instant?
    if frame.timeoutMicroseconds > 0 {
      deadline = ContinuousClock.now + .microseconds(Int64(clamping: frame.timeoutMicroseconds))
    }
    let context = ServerContext(
      method: method.descriptor, metadata: Metadata(frame.metadata), deadline: deadline, peer: peer)
    let stream = ServerStream(id: id, connection: self, method: method, context: context)
    streams[id] = stream
    idleTimer?.cancel()
    idleTimer = nil
    if frame.timeoutMicroseconds > 0 {
      stream.deadlineTimer = loop.schedule(after: .microseconds(Int64(clamping: frame.timeoutMicroseconds))) {
        [weak stream] in stream?.deadlineExpired()
      }
    }
    if stream.streamsRequests { startHandler(stream) }
    if frame.endStream { stream.halfClose() }
  }

  private func refuse(_ id: UInt32, _ reason: String) {
    write(.end(EndFrame(streamID: id, status: .unavailable, message: reason, refused: true)))
  }

  // MARK: Calls

  /// Runs the stream's handler as a task on this loop, inside the server's interceptors.
  func startHandler(_ stream: ServerStream) {
    let interceptors = engine.configuration.interceptors
    let engine = engine
    engine.handlerStarted()
    stream.task = Task(executorPreference: loop) {
      defer { engine.handlerEnded() }
      do {
        try await ServerConnection.intercept(interceptors[...], stream.context) { context in
          try await stream.method.run(stream, context)
        }
        stream.loop.executeOrRun { stream.finish(nil) }
      } catch {
        let reported = RPCError.reported(for: error)
        stream.loop.executeOrRun { stream.finish(reported) }
      }
    }
  }

  private static func intercept(
    _ interceptors: ArraySlice<any ServerInterceptor>, _ context: ServerContext,
    _ handler: (ServerContext) async throws -> Void
  ) async throws {
    guard let first = interceptors.first else { return try await handler(context) }
    try await first.intercept(context: context) { context in
      try await intercept(interceptors.dropFirst(), context, handler)
    }
  }

  func streamClosed(_ stream: ServerStream) {
    streams[stream.id] = nil
    // Streams also close because the connection failed or closed (didClose): then it has
    // nothing more to say, neither a drain's GOAWAY nor, later, an idle one.
    guard !isClosed, !isLingering else { return }
    if streams.isEmpty {
      if isDraining {
        write(.goAway(GoAwayFrame(lastStreamID: highestStreamID, code: .noError, message: "server shutting down")))
        flush()
        close(RPCError(code: .unavailable, message: "drained"))
      } else {
        armIdleTimer()
      }
    }
  }

  override func connectionWindowOpened() {
    for stream in streams.values where !stream.outbound.isEmpty { stream.sendQueued() }
  }

  private func armIdleTimer() {
    guard let timeout = engine.configuration.idleTimeout, streams.isEmpty, !isClosed else { return }
    idleTimer?.cancel()
    idleTimer = loop.schedule(after: timeout) { [weak self] in
      guard let self, self.streams.isEmpty else { return }
      // A loop held up past the timeout may have the client's next call waiting unread in the
      // socket: read it first, or that call would be turned away as if the client were idle.
      self.readAvailable()
      guard !self.isClosed, self.streams.isEmpty else { return }
      self.write(.goAway(GoAwayFrame(lastStreamID: self.highestStreamID, code: .noError, message: "idle for \(timeout)")))
      self.flush()
      self.close(RPCError(code: .unavailable, message: "idle"))
    }
  }

  // MARK: Draining and closing

  /// Stops taking calls: tells the client with GOAWAY, closes once the calls in flight end;
  /// after `gracePeriod` (if given) cancels whatever still runs.
  func beginDrain(gracePeriod: Duration? = nil) {
    guard !isClosed, !isLingering else { return }
    if !isDraining {
      isDraining = true
      write(.goAway(GoAwayFrame(lastStreamID: highestStreamID, code: .noError, message: "server shutting down")))
    }
    if streams.isEmpty || phase != .active {
      flush()
      close(RPCError(code: .unavailable, message: "drained"))
      return
    }
    // A later, shorter grace period wins: cancelling serve() drains again with zero to cut
    // short the grace period a graceful shutdown started.
    if let gracePeriod,
      graceTimer.map({ MonotonicClock.now + gracePeriod.nanoseconds < $0.deadline }) ?? true
    {
      graceTimer?.cancel()
      graceTimer = loop.schedule(after: gracePeriod) { [weak self] in
        guard let self else { return }
        for stream in Array(self.streams.values) {
          stream.finish(RPCError(code: .unavailable, message: "the server shut down before the call completed"))
        }
      }
    }
  }

  override func didClose(_ error: RPCError) {
    handshakeTimer?.cancel()
    idleTimer?.cancel()
    graceTimer?.cancel()
    let open = streams
    streams = [:]
    let lost = RPCError(code: .cancelled, message: "the client's connection closed: \(error.message)")
    for stream in open.values { stream.close(lost) }
    engine.connectionClosed(self)
  }
}

extension Metadata {
  /// Copies wire metadata out of a frame (which borrows the decoder's buffer).
  init(_ frame: FrameMetadata) {
    self.init()
    if frame.isEmpty { return }
    for entry in frame {
      append(key: entry.key, value: String(decoding: entry.value, as: UTF8.self))
    }
  }

  /// The wire form; an invalid key or value is reported as `invalidArgument`.
  func frameMetadata() throws(RPCError) -> FrameMetadata {
    var result = FrameMetadata()
    for entry in self {
      do {
        try result.append(key: entry.key, value: entry.value)
      } catch {
        throw RPCError(code: .invalidArgument, message: error.message)
      }
    }
    return result
  }
}

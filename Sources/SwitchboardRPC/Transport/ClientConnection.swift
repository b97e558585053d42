internal import CSwitchboardSystem
internal import Glibc
internal import SwitchboardFraming

/// The client's side of one connection: connecting, the opening exchange, calls by stream id
/// within the server's stream limit, and GOAWAY.
///
/// Loop-confined to the client's loop (see ``EventLoop``), hence `@unchecked Sendable`.
final class ClientConnection: FramedConnection, @unchecked Sendable {
  enum Phase {
    case connecting
    case awaitingPreface
    case awaitingSettings
    case ready
    /// GOAWAY received: no new calls; close when the last one ends.
    case draining
  }

  unowned let slot: ConnectionSlot
  private(set) var phase: Phase
  private var calls: [UInt32: ClientCall] = [:]
  /// Calls waiting for the server's stream limit to allow them.
  private var waiting: [ClientCall] = []
  private var nextStreamID: UInt32 = 1
  private var connectTimer: LoopTimer?
  /// The version of a server preface that was not ours: the connection only waits for the
  /// GOAWAY explaining it.
  private var serverVersion: UInt8?

  init(fd: Int32, loop: EventLoop, peer: String, slot: ConnectionSlot, connecting: Bool) {
    self.slot = slot
    phase = connecting ? .connecting : .awaitingPreface
    let configuration = slot.pool.configuration
    super.init(
      fd: fd, loop: loop, peer: peer,
      localSettings: configuration.limits.settings(maxConcurrentStreams: 100),
      keepalive: configuration.keepaliveInterval.map { ($0, configuration.keepaliveTimeout) })
  }

  /// Registers with the loop; sends the preface at once or when the connect completes.
  func start(timeout: Duration) {
    loop.register(fd, handler: self, writable: phase == .connecting)
    connectTimer = loop.schedule(after: timeout) { [weak self] in
      guard let self, self.phase != .ready, self.phase != .draining, !self.isClosed else { return }
      self.close(RPCError(code: .unavailable, message: "connecting to \(self.peer) timed out after \(timeout)"))
    }
    if phase == .awaitingPreface { sendPreface() }
  }

  private func sendPreface() {
    phase = .awaitingPreface
    ConnectionPreface.encode(into: &output)
    write(.settings(SettingsFrame(localSettings.nonDefaultParameters)))
  }

  override func handleEvents(_ events: UInt32) {
    guard phase == .connecting else { return super.handleEvents(events) }
    let error = Socket.pendingError(fd)
    if error != 0 || events & UInt32(SB_EVENT_ERR | SB_EVENT_HUP) != 0 {
      close(RPCError(code: .unavailable, message: "cannot connect to \(peer): \(Socket.reason(error == 0 ? ECONNREFUSED : error))"))
      return
    }
    guard events & UInt32(SB_EVENT_OUT) != 0 else { return }
    loop.setWritableInterest(fd, false)
    sendPreface()
  }

  // MARK: Input

  override func processInput() {
    do {
      if phase == .awaitingPreface {
        switch decoder.readPreface() {
        case .needMoreBytes: return
        case .invalid:
          close(RPCError(code: .unavailable, message: "\(peer) is not a Switchboard server (wrong preface)"))
          return
        case .valid(let version):
          // Another version: no call starts here, but the GOAWAY that follows says why
          // (PROTOCOL.md 2.3), and that is what the caller should read.
          if version != ConnectionPreface.currentVersion { serverVersion = version }
          phase = .awaitingSettings
        }
      }
      while !isClosed, !isLingering, let frame = try decoder.nextFrame() {
        try handle(frame)
      }
    } catch {
      if let serverVersion {
        close(versionMismatch(serverVersion))
        return
      }
      connectionFailed(
        GoAwayFrame(error: error, lastStreamID: 0),
        RPCError(code: .unavailable, message: "the connection to \(peer) broke: \(error.message)"))
    }
  }

  private func handle(_ frame: Frame) throws(FramingError) {
    if phase == .awaitingSettings {
      if case .goAway(let goAway) = frame {
        close(RPCError(code: .unavailable, message: "\(peer) refused the connection: \(goAway.message)"))
        return
      }
      if let serverVersion {
        close(versionMismatch(serverVersion))
        return
      }
      guard case .settings(let settings) = frame, !settings.isAck else {
        throw FramingError(.malformedFrame, "the first frame after the preface must be SETTINGS, not \(frame.kind)", kind: frame.kind, streamID: frame.streamID)
      }
      try receiveSettings(settings)
      phase = .ready
      connectTimer?.cancel()
      connectTimer = nil
      startKeepalive()
      slot.connectionReady(self)
      return
    }
    switch frame {
    case .settings(let settings):
      try receiveSettings(settings)
      startWaitingCalls()
    case .ping(let ping): receivePing(ping)
    case .goAway(let goAway): receiveGoAway(goAway)
    case .windowUpdate(let update):
      if update.streamID == 0 {
        try receiveConnectionWindowUpdate(update)
      } else if let call = calls[update.streamID] {
        try call.windowUpdate(update.increment)
      } else {
        try checkUsed(update.streamID, .windowUpdate)
      }
    case .message(let message):
      try receiveMessageBytes(message.payload.count)
      if let call = calls[message.streamID] {
        try call.receive(message)
      } else {
        try checkUsed(message.streamID, .message)
      }
    case .end(let end):
      if let call = calls[end.streamID] { call.receiveEnd(end) } else { try checkUsed(end.streamID, .end) }
    case .cancel(let cancel):
      if let call = calls[cancel.streamID] { call.receiveCancel(cancel) } else { try checkUsed(cancel.streamID, .cancel) }
    case .callStart, .halfClose:
      throw FramingError(.malformedFrame, "\(frame.kind) is sent by clients only; the server sent one", kind: frame.kind, streamID: frame.streamID)
    case .unknown(let kind, _, let streamID, _):
      if streamID != 0, let call = calls[streamID] {
        call.cancel(RPCError(code: .unimplemented, message: "the server sent frame kind \(kind), which this client does not understand"))
      }
    }
  }

  private func versionMismatch(_ version: UInt8) -> RPCError {
    RPCError(code: .unavailable, message: "\(peer) speaks protocol version \(version), not \(ConnectionPreface.currentVersion)")
  }

  private func checkUsed(_ streamID: UInt32, _ kind: FrameKind) throws(FramingError) {
    guard streamID < nextStreamID else {
      throw FramingError(.malformedFrame, "\(kind) on stream \(streamID), which this client never opened", kind: kind, streamID: streamID)
    }
  }

  private func receiveGoAway(_ frame: GoAwayFrame) {
    let wasDraining = phase == .draining
    phase = .draining
    if !wasDraining { slot.connectionDraining(self) }
    // Calls above the last stream id were never run: retry them elsewhere.
    for (id, call) in calls where id > frame.lastStreamID {
      call.failOrRetry(RPCError(code: .unavailable, message: "the server is going away: \(frame.message)"), retryable: true)
    }
    let queued = waiting
    waiting = []
    for call in queued {
      call.failOrRetry(RPCError(code: .unavailable, message: "the server is going away: \(frame.message)"), retryable: true)
    }
    if frame.code != .noError {
      close(RPCError(code: .unavailable, message: "the server closed the connection: \(frame.code): \(frame.message)"))
    } else if calls.isEmpty {
      close(RPCError(code: .unavailable, message: "the server closed the connection: \(frame.message)"))
    }
  }

  // MARK: Calls

  /// Whether new calls may start here.
  var acceptsCalls: Bool { phase == .ready && !isClosed }

  /// Starts `call` now, or once the server's stream limit allows.
  func startCall(_ call: ClientCall) {
    guard acceptsCalls else {
      slot.start(call)
      return
    }
    guard calls.count < Int(peerSettings.maxConcurrentStreams) else {
      waiting.append(call)
      return
    }
    guard nextStreamID <= FrameHeader.maxStreamID else {
      // Stream ids are used up: drain this connection and open another.
      phase = .draining
      slot.connectionDraining(self)
      slot.start(call)
      return
    }
    let id = nextStreamID
    nextStreamID += 2
    calls[id] = call
    call.start(on: self, streamID: id)
  }

  /// A call on `id` is over (or was never started there).
  func callEnded(_ id: UInt32) {
    guard calls.removeValue(forKey: id) != nil else { return }
    startWaitingCalls()
    if phase == .draining, calls.isEmpty {
      close(RPCError(code: .unavailable, message: "drained"))
    }
  }

  private func startWaitingCalls() {
    while !waiting.isEmpty, acceptsCalls, calls.count < Int(peerSettings.maxConcurrentStreams) {
      startCall(waiting.removeFirst())
    }
  }

  override func connectionWindowOpened() {
    for call in calls.values { call.sendQueued() }
  }

  override func didClose(_ error: RPCError) {
    connectTimer?.cancel()
    let open = calls
    let queued = waiting
    calls = [:]
    waiting = []
    slot.connectionClosed(self, error)
    for call in open.values { call.failOrRetry(error, retryable: false) }
    for call in queued { call.failOrRetry(error, retryable: true) }
  }
}

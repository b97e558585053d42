internal import CSwitchboardSystem
internal import Glibc
internal import SwitchboardFraming

/// What both ends of a connection share: the socket, the deframer, the output buffer and its
/// batched flushing, SETTINGS, PING, connection-level flow control and closing.
/// ``ServerConnection`` and ``ClientConnection`` add the call logic of their side.
///
/// Loop-confined: every method runs on `loop`'s thread (see ``EventLoop``).
class FramedConnection: LoopHandler {
  let fd: Int32
  let loop: EventLoop
  /// `host:port` of the other end, or `in-process`.
  let peer: String
  var decoder: FrameDecoder
  /// Bytes waiting for the socket; `output[outputSent...]` are not written yet.
  var output: [UInt8] = []
  private var outputSent = 0
  private var flushScheduled = false
  private var waitingForWritable = false
  /// What this side announced.
  let localSettings: ConnectionSettings
  /// What the peer announced; defaults until its SETTINGS arrive.
  var peerSettings = ConnectionSettings()
  var receivedPeerSettings = false
  /// Credit for message bytes this side may still send on the connection.
  var sendWindow: FlowControlWindow
  /// Credit the peer has left; returned as this side consumes.
  var receiveWindow: ReceiveWindow
  /// When something last arrived: keepalive and idle decisions.
  var lastReadTime = MonotonicClock.now
  private(set) var isClosed = false
  /// Set once GOAWAY is written for a connection error: input is read and dropped until the
  /// peer closes or the linger timer runs out, so the peer reads the GOAWAY before any reset.
  private(set) var isLingering = false
  private var keepaliveTimer: LoopTimer?
  private var awaitingPingAck = false
  private let keepalive: (interval: Duration, timeout: Duration)?

  init(
    fd: Int32, loop: EventLoop, peer: String, localSettings: ConnectionSettings,
    keepalive: (interval: Duration, timeout: Duration)?
  ) {
    self.fd = fd
    self.loop = loop
    self.peer = peer
    self.localSettings = localSettings
    self.keepalive = keepalive
    decoder = FrameDecoder(maxFramePayloadSize: localSettings.maxFramePayloadSize)
    sendWindow = FlowControlWindow(initialSize: ConnectionSettings().initialConnectionWindowSize)
    receiveWindow = ReceiveWindow(initialSize: localSettings.initialConnectionWindowSize)
  }

  // MARK: Hooks for the two sides

  /// Consumes whatever complete input the decoder holds.
  func processInput() {}

  /// The connection is gone: fail or cancel everything that depended on it.
  func didClose(_ error: RPCError) {}

  /// The peer granted connection credit: writers waiting for it may go on.
  func connectionWindowOpened() {}

  // MARK: Reading

  func handleEvents(_ events: UInt32) {
    if events & UInt32(SB_EVENT_OUT) != 0 { socketWritable() }
    if events & UInt32(SB_EVENT_IN | SB_EVENT_RDHUP | SB_EVENT_HUP | SB_EVENT_ERR) != 0 {
      readAvailable()
    }
  }

  /// Reads and handles everything waiting in the socket, until it would block.
  final func readAvailable() {
    let buffer = loop.readBuffer
    while !isClosed {
      let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
      if count > 0 {
        lastReadTime = MonotonicClock.now
        if isLingering { continue }
        decoder.append(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        processInput()
        if count < buffer.count { return }
      } else if count == 0 {
        close(RPCError(code: .unavailable, message: "the connection to \(peer) was closed by the peer"))
        return
      } else {
        let code = errno
        if code == EAGAIN || code == EWOULDBLOCK { return }
        if code == EINTR { continue }
        close(RPCError(code: .unavailable, message: "the connection to \(peer) failed: \(Socket.reason(code))"))
        return
      }
    }
  }

  // MARK: Writing

  /// Appends `frame`; written at the end of this loop turn with everything else queued.
  /// Dropped once the connection failed: the GOAWAY saying why was its last frame.
  func write(_ frame: Frame) {
    guard !isClosed, !isLingering else { return }
    do {
      try frame.encode(into: &output, maxPayloadSize: peerSettings.maxFramePayloadSize)
    } catch {
      // Only a local bug or an over-long status message gets here; the frame is dropped
      // rather than the connection.
      return
    }
    outputAppended()
  }

  /// Call after appending to `output` directly.
  func outputAppended() {
    guard !flushScheduled, !isClosed else { return }
    flushScheduled = true
    loop.scheduleFlush(self)
  }

  /// Bytes buffered and not yet taken by the socket.
  var pendingOutputCount: Int { output.count - outputSent }

  /// Buffered output above which message writers wait for the socket, however much credit
  /// the peer granted: a peer announcing huge windows and then not reading must not make
  /// this side buffer without bound.
  static let outputHighWater = 512 * 1024

  /// Whether message writers must wait for the socket to take what is buffered.
  var isOutputFull: Bool { pendingOutputCount >= Self.outputHighWater }

  func flush() {
    flushScheduled = false
    guard !isClosed, !waitingForWritable else { return }
    let wasFull = isOutputFull
    defer { if wasFull, !isClosed, !isOutputFull { connectionWindowOpened() } }
    while outputSent < output.count {
      // MSG_NOSIGNAL: a peer that reset the connection, or a socket this side already
      // half-closed after a connection error, fails the write with EPIPE instead of raising
      // SIGPIPE, whose default action ends the whole process.
      let written = output.withUnsafeBytes { bytes in
        Glibc.send(fd, bytes.baseAddress! + outputSent, bytes.count - outputSent, Int32(MSG_NOSIGNAL))
      }
      if written > 0 {
        outputSent += written
      } else {
        let code = errno
        if code == EINTR { continue }
        if written < 0, code == EAGAIN || code == EWOULDBLOCK {
          // Drop what the socket took, so a connection that never drains completely does
          // not grow its buffer by what it already sent.
          if outputSent >= 64 * 1024 {
            output.removeFirst(outputSent)
            outputSent = 0
          }
          waitingForWritable = true
          loop.setWritableInterest(fd, true)
          return
        }
        close(RPCError(code: .unavailable, message: "the connection to \(peer) failed: \(Socket.reason(code))"))
        return
      }
    }
    // Everything is out: keep a modest buffer for the next turn, give back a large one.
    if output.capacity > 64 * 1024 { output = [] } else { output.removeAll(keepingCapacity: true) }
    outputSent = 0
    if waitingForWritable {
      waitingForWritable = false
      loop.setWritableInterest(fd, false)
    }
  }

  private func socketWritable() {
    if waitingForWritable {
      waitingForWritable = false
      loop.setWritableInterest(fd, false)
    }
    flush()
  }

  // MARK: Connection-level frames

  /// Applies the peer's SETTINGS and acknowledges them; throws for a bad value.
  func receiveSettings(_ frame: SettingsFrame) throws(FramingError) {
    if frame.isAck { return }
    try peerSettings.apply(frame.parameters, initial: !receivedPeerSettings)
    if !receivedPeerSettings {
      receivedPeerSettings = true
      sendWindow = FlowControlWindow(initialSize: peerSettings.initialConnectionWindowSize)
    }
    write(.settings(.ack))
  }

  /// Answers a PING, or notes the answer to ours.
  func receivePing(_ frame: PingFrame) {
    if frame.isAck {
      awaitingPingAck = false
    } else {
      write(.ping(PingFrame(payload: frame.payload, isAck: true)))
    }
  }

  /// Adds connection credit from a WINDOW_UPDATE on stream 0.
  func receiveConnectionWindowUpdate(_ frame: WindowUpdateFrame) throws(FramingError) {
    try sendWindow.grant(frame.increment)
    connectionWindowOpened()
  }

  /// Accounts `count` MESSAGE bytes against the connection and hands the credit straight
  /// back: per-call windows, not the connection's, make slow readers push back.
  func receiveMessageBytes(_ count: Int) throws(FramingError) {
    try receiveWindow.receive(count)
    if let increment = receiveWindow.release(count) {
      write(.windowUpdate(WindowUpdateFrame(streamID: 0, increment: increment)))
    }
  }

  /// Starts the keepalive timer; a PING goes out when nothing arrived for the interval.
  func startKeepalive() {
    guard let keepalive else { return }
    keepaliveTimer = loop.schedule(after: keepalive.interval) { [weak self] in self?.keepaliveTick() }
  }

  private func keepaliveTick() {
    guard let keepalive, !isClosed else { return }
    let quiet = Duration.nanoseconds(MonotonicClock.now - lastReadTime)
    if awaitingPingAck {
      if quiet >= keepalive.timeout {
        connectionFailed(
          GoAwayFrame(lastStreamID: 0, code: .noError, message: "keepalive PING not answered"),
          RPCError(code: .unavailable, message: "\(peer) did not answer a keepalive PING within \(keepalive.timeout)"))
        return
      }
      keepaliveTimer = loop.schedule(after: keepalive.timeout - quiet) { [weak self] in self?.keepaliveTick() }
    } else if quiet >= keepalive.interval {
      awaitingPingAck = true
      write(.ping(PingFrame(payload: UInt64(bitPattern: MonotonicClock.now))))
      keepaliveTimer = loop.schedule(after: keepalive.timeout) { [weak self] in self?.keepaliveTick() }
    } else {
      keepaliveTimer = loop.schedule(after: keepalive.interval - quiet) { [weak self] in self?.keepaliveTick() }
    }
  }

  // MARK: Closing

  /// Sends `goAway`, fails what depends on the connection with `error`, then lingers briefly
  /// so the peer can read the GOAWAY before the socket closes.
  func connectionFailed(_ goAway: GoAwayFrame, _ error: RPCError) {
    guard !isClosed, !isLingering else { return }
    write(.goAway(goAway))
    flush()
    isLingering = true
    keepaliveTimer?.cancel()
    didClose(error)
    shutdown(fd, Int32(SHUT_WR))
    loop.schedule(after: .seconds(1)) { [weak self] in self?.close(error) }
  }

  /// Closes the socket now and fails what depends on it with `error`.
  func close(_ error: RPCError) {
    guard !isClosed else { return }
    let wasLingering = isLingering
    isClosed = true
    keepaliveTimer?.cancel()
    loop.deregister(fd)
    Glibc.close(fd)
    output = []
    if !wasLingering { didClose(error) }
  }
}

import Glibc
import SwitchboardFraming

/// One end of a TCP connection on loopback driven by hand: bytes and frames out exactly as a
/// test writes them, frames in through SwitchboardFraming's decoder. It plays a misbehaving
/// client against the real server, or a scripted server against the real client.
///
/// Reads wait in `poll(2)` on a thread of their own (``robustRunBlocking(_:)``), with a
/// timeout, so a runtime that fails to answer fails the test instead of hanging it. One task
/// drives a connection at a time.
final class RobustRawConnection {
  let fd: Int32
  private var decoder = FrameDecoder(maxFramePayloadSize: FrameHeader.maxPayloadLength)
  private var isClosed = false
  /// Whether the peer closed the connection (read returned end of file or a reset).
  private(set) var peerClosed = false
  /// Whether the close was a reset rather than an orderly end of file.
  private(set) var peerReset = false
  /// When the peer's close arrived, measured by the thread that read it.
  private(set) var closedAt: ContinuousClock.Instant?

  /// Takes over a connected socket.
  init(fd: Int32) {
    self.fd = fd
  }

  /// Connects to `127.0.0.1:port`, with a receive buffer of `receiveBuffer` bytes instead of
  /// the system's self-tuning one if given.
  convenience init(connectingTo port: Int, receiveBuffer: Int? = nil) throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw RobustSocketError("socket", errno) }
    if let receiveBuffer {
      var size = Int32(receiveBuffer)
      setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }
    var address = robustLoopbackAddress(port: port)
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      let code = errno
      Glibc.close(fd)
      throw RobustSocketError("connect to port \(port)", code)
    }
    self.init(fd: fd)
  }

  deinit { close() }

  func close() {
    guard !isClosed else { return }
    isClosed = true
    Glibc.close(fd)
  }

  // MARK: Sending

  /// Writes all of `bytes`.
  func send(_ bytes: [UInt8]) throws {
    var sent = 0
    while sent < bytes.count {
      let count = bytes.withUnsafeBytes { buffer in
        Glibc.send(fd, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw RobustSocketError("send", errno)
      }
      sent += count
    }
  }

  /// Writes `frames`, encoded by SwitchboardFraming.
  func send(_ frames: Frame...) throws {
    try send(Self.encode(frames))
  }

  /// The bytes of `frames`, for tests that corrupt them before sending.
  static func encode(_ frames: [Frame]) -> [UInt8] {
    var bytes: [UInt8] = []
    for frame in frames {
      // Tests build valid frames here; a throw is a mistake in the test.
      try! frame.encode(into: &bytes)
    }
    return bytes
  }

  // MARK: Receiving

  /// Reads the peer's 8-byte preface and returns its version.
  ///
  /// - Throws: ``RobustTimeout``, or ``RobustProtocolViolation`` for a wrong magic or a close.
  func readPreface(timeout: Duration = robustPatience) async throws -> UInt8 {
    let deadline = ContinuousClock.now + timeout
    while true {
      switch decoder.readPreface() {
      case .valid(let version): return version
      case .invalid(let error): throw RobustProtocolViolation("the peer's preface: \(error)")
      case .needMoreBytes:
        guard try await fill(until: deadline, waitingFor: "the preface") else {
          throw RobustProtocolViolation("the peer closed before sending its preface")
        }
      }
    }
  }

  /// The next frame, or nil once the peer closed the connection.
  func nextFrame(timeout: Duration = robustPatience) async throws -> Frame? {
    let deadline = ContinuousClock.now + timeout
    while true {
      if let frame = try decoder.nextFrame() { return frame }
      guard try await fill(until: deadline, waitingFor: "a frame") else {
        if decoder.bufferedByteCount > 0 {
          throw RobustProtocolViolation(
            "the peer closed in the middle of a frame (\(decoder.bufferedByteCount) bytes left)")
        }
        return nil
      }
    }
  }

  /// The next frame that is not a SETTINGS acknowledgement (they come whenever the peer gets
  /// to them), or nil once the peer closed the connection.
  func nextFrameIgnoringSettingsAcks(timeout: Duration = robustPatience) async throws -> Frame? {
    while let frame = try await nextFrame(timeout: timeout) {
      if case .settings(let settings) = frame, settings.isAck { continue }
      return frame
    }
    return nil
  }

  /// Every frame until the peer closes the connection.
  ///
  /// - Throws: ``RobustTimeout`` when the peer keeps the connection open past `timeout`.
  func framesUntilClosed(timeout: Duration = robustPatience) async throws -> [Frame] {
    var frames: [Frame] = []
    while let frame = try decoder.nextFrame() { frames.append(frame) }
    let (bytes, _) = try await readToEnd(timeout: timeout, keeping: true)
    decoder.append(contentsOf: bytes)
    while let frame = try decoder.nextFrame() { frames.append(frame) }
    guard decoder.bufferedByteCount == 0 else {
      throw RobustProtocolViolation(
        "the peer closed in the middle of a frame (\(decoder.bufferedByteCount) bytes left)")
    }
    return frames
  }

  /// Reads and drops everything until the peer closes the connection; returns how many bytes
  /// that was.
  ///
  /// - Throws: ``RobustTimeout`` when the peer keeps the connection open past `timeout`.
  func discardUntilClosed(timeout: Duration = robustPatience) async throws -> Int {
    try await readToEnd(timeout: timeout, keeping: false).count
  }

  /// Reads until the peer closes, in one job on a thread of its own, so that ``closedAt`` is
  /// when the close arrived, not when this task next got a thread. Returns the bytes read (if
  /// `keeping`) and their count.
  private func readToEnd(timeout: Duration, keeping: Bool) async throws -> (
    bytes: [UInt8], count: Int
  ) {
    if peerClosed { return ([], 0) }
    let fd = fd
    let milliseconds = Int32(clamping: timeout.robustMilliseconds)
    let (bytes, count, outcome, at) = await robustRunBlocking {
      () -> ([UInt8], Int, RobustReadOutcome, ContinuousClock.Instant) in
      var bytes: [UInt8] = []
      var count = 0
      while true {
        let outcome = robustBlockingRead(fd: fd, timeoutMilliseconds: milliseconds)
        guard case .bytes(let chunk) = outcome else { return (bytes, count, outcome, .now) }
        count += chunk.count
        if keeping { bytes += chunk }
      }
    }
    try noteEnd(outcome, at: at, waitingFor: "the peer to close after \(count) bytes")
    return (bytes, count)
  }

  /// Records a read that found no bytes: the peer's close, or an error thrown.
  private func noteEnd(
    _ outcome: RobustReadOutcome, at instant: ContinuousClock.Instant, waitingFor what: String
  ) throws {
    switch outcome {
    case .bytes: return
    case .endOfFile:
      peerClosed = true
    case .reset:
      peerClosed = true
      peerReset = true
    case .timedOut: throw RobustTimeout("waiting for \(what)")
    case .failed(let code): throw RobustSocketError("read", code)
    }
    closedAt = instant
  }

  /// Reads more input into the decoder: false at the peer's close.
  private func fill(until deadline: ContinuousClock.Instant, waitingFor what: String) async throws
    -> Bool
  {
    if peerClosed { return false }
    let milliseconds = max(Int32(clamping: (deadline - .now).robustMilliseconds), 0)
    let fd = fd
    let (outcome, at) = await robustRunBlocking {
      (robustBlockingRead(fd: fd, timeoutMilliseconds: milliseconds), ContinuousClock.now)
    }
    if case .bytes(let bytes) = outcome {
      decoder.append(contentsOf: bytes)
      return true
    }
    try noteEnd(outcome, at: at, waitingFor: what)
    return false
  }

  // MARK: Opening exchanges

  /// Plays the client's opening: preface and SETTINGS out, the server's preface and SETTINGS
  /// in, acknowledged. Returns the server's SETTINGS.
  @discardableResult
  func clientHandshake(settings: [SettingParameter] = []) async throws -> SettingsFrame {
    try send(ConnectionPreface.bytes() + Self.encode([.settings(SettingsFrame(settings))]))
    let version = try await readPreface()
    guard version == ConnectionPreface.currentVersion else {
      throw RobustProtocolViolation("the server answered with version \(version)")
    }
    let serverSettings = try await nextSettings()
    try send(.settings(.ack))
    return serverSettings
  }

  /// Plays the server's opening: the client's preface in, preface and SETTINGS out, the
  /// client's SETTINGS in, acknowledged. Returns the client's SETTINGS.
  @discardableResult
  func serverHandshake(settings: [SettingParameter] = []) async throws -> SettingsFrame {
    let version = try await readPreface()
    guard version == ConnectionPreface.currentVersion else {
      throw RobustProtocolViolation("the client offered version \(version)")
    }
    try send(ConnectionPreface.bytes() + Self.encode([.settings(SettingsFrame(settings))]))
    let clientSettings = try await nextSettings()
    try send(.settings(.ack))
    return clientSettings
  }

  private func nextSettings() async throws -> SettingsFrame {
    while let frame = try await nextFrame() {
      if case .settings(let settings) = frame, !settings.isAck { return settings }
    }
    throw RobustProtocolViolation("the peer closed before sending SETTINGS")
  }
}

/// `127.0.0.1:port`.
func robustLoopbackAddress(port: Int) -> sockaddr_in {
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = in_port_t(UInt16(port).bigEndian)
  address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
  return address
}

/// What one blocking read found.
enum RobustReadOutcome: Sendable {
  case bytes([UInt8])
  case endOfFile
  case reset
  case timedOut
  case failed(Int32)
}

/// Waits up to `timeoutMilliseconds` for input on `fd`, then reads what is there. Blocks: run
/// it through ``robustRunBlocking(_:)``.
func robustBlockingRead(fd: Int32, timeoutMilliseconds: Int32) -> RobustReadOutcome {
  var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
  while true {
    let ready = poll(&poller, 1, timeoutMilliseconds)
    if ready == 0 { return .timedOut }
    if ready < 0 {
      if errno == EINTR { continue }
      return .failed(errno)
    }
    break
  }
  var buffer = [UInt8](repeating: 0, count: 64 * 1024)
  while true {
    let count = Glibc.read(fd, &buffer, buffer.count)
    if count > 0 { return .bytes(Array(buffer[..<count])) }
    if count == 0 { return .endOfFile }
    switch errno {
    case EINTR: continue
    case ECONNRESET: return .reset
    case let code: return .failed(code)
    }
  }
}

extension Duration {
  /// Whole milliseconds, rounded up, saturating.
  var robustMilliseconds: Int64 {
    let (seconds, attoseconds) = components
    let (product, overflow) = seconds.multipliedReportingOverflow(by: 1000)
    if overflow { return seconds < 0 ? .min : .max }
    return product + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
  }
}

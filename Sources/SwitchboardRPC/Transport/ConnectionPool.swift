internal import Synchronization

/// Where a client's connections go.
enum ConnectionTarget: Sendable {
  case tcp(host: String, port: Int)
  case inProcess(ServerEngine)
}

/// A client's connections: `configuration.connections` slots used round-robin, all on one
/// event loop so a call and its cancellation never race across threads.
///
/// Loop-confined state (`slots`, `next`, `isClosed`) is touched only on `loop`; callers hop
/// there with `loop.execute`, hence `@unchecked Sendable`.
final class ConnectionPool: @unchecked Sendable {
  let target: ConnectionTarget
  let configuration: RPCClient.Configuration
  let loop: EventLoop
  private var slots: [ConnectionSlot] = []
  private var next = 0
  private(set) var isClosed = false

  init(target: ConnectionTarget, configuration: RPCClient.Configuration) {
    self.target = target
    self.configuration = configuration
    loop = configuration.eventLoops.next()
    slots = (0..<max(configuration.connections, 1)).map { _ in ConnectionSlot(pool: nil) }
    for slot in slots { slot.pool = self }
  }

  var preferredLoop: any TaskExecutor { loop }

  /// Starts `call` on the next connection; from any thread.
  func start(_ call: ClientCall) {
    loop.executeOrRun { [self] in
      guard !isClosed else {
        call.finish(RPCError(code: .unavailable, message: "the client was closed"))
        return
      }
      call.armDeadline()
      let slot = slots[next]
      next = (next + 1) % slots.count
      slot.start(call)
    }
  }

  func close() {
    loop.executeOrRun { [self] in
      guard !isClosed else { return }
      isClosed = true
      for slot in slots { slot.close() }
    }
  }
}

/// One connection of a pool over time: connects on demand, hands calls to the live
/// connection, and after a failed connect waits with exponential backoff and jitter before
/// trying again in the background. Loop-confined.
final class ConnectionSlot {
  enum State {
    case idle
    case connecting(ClientConnection)
    case ready(ClientConnection)
    /// The last connect failed; calls fail fast with `error` until the timer reconnects.
    case backingOff(RPCError, LoopTimer)
    case closed
  }

  // Set right after init; the pool owns its slots, so the back reference is unowned.
  unowned(unsafe) var pool: ConnectionPool!
  private var state = State.idle
  private var queued: [ClientCall] = []
  private var failedAttempts = 0
  private var random = SystemRandomNumberGenerator()

  init(pool: ConnectionPool?) {
    self.pool = pool
  }

  func start(_ call: ClientCall) {
    switch state {
    case .ready(let connection) where connection.acceptsCalls:
      connection.startCall(call)
    case .idle, .ready:
      queued.append(call)
      connect()
    case .connecting:
      queued.append(call)
    case .backingOff(let error, _):
      call.finish(error)
    case .closed:
      call.finish(RPCError(code: .unavailable, message: "the client was closed"))
    }
  }

  private func connect() {
    let loop = pool.loop
    do throws(RPCError) {
      let connection: ClientConnection
      switch pool.target {
      case .tcp(let host, let port):
        let address = try Socket.Address(host: host, port: port)
        let fd = try Socket.connect(to: address)
        connection = ClientConnection(fd: fd, loop: loop, peer: address.description, slot: self, connecting: true)
      case .inProcess(let engine):
        guard engine.acceptsConnections else {
          throw RPCError(code: .unavailable, message: "the in-process server is shut down")
        }
        let (clientFD, serverFD) = try Socket.pair()
        engine.adopt(fd: serverFD, peer: "in-process")
        connection = ClientConnection(fd: clientFD, loop: loop, peer: "in-process", slot: self, connecting: false)
      }
      state = .connecting(connection)
      connection.start(timeout: pool.configuration.connectTimeout)
    } catch {
      connectFailed(error)
    }
  }

  func connectionReady(_ connection: ClientConnection) {
    guard case .connecting(let current) = state, current === connection else { return }
    failedAttempts = 0
    state = .ready(connection)
    let calls = queued
    queued = []
    for call in calls { connection.startCall(call) }
  }

  /// The connection will take no new calls: the next call opens another.
  func connectionDraining(_ connection: ClientConnection) {
    if case .ready(let current) = state, current === connection { state = .idle }
    if !queued.isEmpty, case .idle = state { connect() }
  }

  func connectionClosed(_ connection: ClientConnection, _ error: RPCError) {
    switch state {
    case .connecting(let current) where current === connection:
      connectFailed(error)
    case .ready(let current) where current === connection:
      state = .idle
    default:
      break
    }
  }

  private func connectFailed(_ error: RPCError) {
    failedAttempts += 1
    let calls = queued
    queued = []
    let delay = pool.configuration.backoff.delay(attempt: failedAttempts, random: &random)
    let timer = pool.loop.schedule(after: delay) { [weak self] in
      guard let self, case .backingOff = self.state else { return }
      self.state = .idle
      self.connect()
    }
    state = .backingOff(error, timer)
    for call in calls { call.finish(error) }
  }

  func close() {
    let previous = state
    state = .closed
    switch previous {
    case .connecting(let connection), .ready(let connection):
      connection.close(RPCError(code: .unavailable, message: "the client was closed"))
    case .backingOff(_, let timer):
      timer.cancel()
    case .idle, .closed:
      break
    }
    let calls = queued
    queued = []
    for call in calls { call.finish(RPCError(code: .unavailable, message: "the client was closed")) }
  }
}

internal import Glibc
internal import Synchronization

/// What runs a ``RPCServer``: the listening socket, the connections spread over the event
/// loops, and the shutdown sequence. Shared state sits in a `Mutex`; connections are reached
/// only through their loops.
final class ServerEngine: Sendable {
  let router: RPCRouter
  let configuration: RPCServer.Configuration

  private struct State {
    enum Listening {
      case notYet([UnsafeContinuation<Int, any Error>])
      case port(Int)
      case failed(RPCError)
    }
    var listening = Listening.notYet([])
    var listener: Listener?
    var connections: [ObjectIdentifier: ServerConnection] = [:]
    var shuttingDown = false
    var serveFinished: UnsafeContinuation<Void, Never>?
  }

  private let state = Mutex(State())
  /// Handlers started and not yet returned: serve() waits for them too, so that when it
  /// returns no handler of this server still runs (a caller may then close what they use).
  /// An atomic rather than `state`: it changes twice per call, on every loop.
  private let runningHandlers = Atomic<Int>(0)

  init(router: RPCRouter, configuration: RPCServer.Configuration) {
    self.router = router
    self.configuration = configuration
  }

  // MARK: Serving

  func serve(host: String, port: Int) async throws {
    let listener: Listener
    do throws(RPCError) {
      let address = try Socket.Address(host: host, port: port)
      let fd = try Socket.listen(on: address)
      listener = Listener(fd: fd, loop: configuration.eventLoops.next(), engine: self)
    } catch {
      let waiters = state.withLock { state -> [UnsafeContinuation<Int, any Error>] in
        defer { state.listening = .failed(error) }
        if case .notYet(let waiters) = state.listening { return waiters }
        return []
      }
      for waiter in waiters { waiter.resume(throwing: error) }
      throw error
    }
    let boundPort = Socket.localAddress(listener.fd).port
    let (waiters, alreadyShutDown) = state.withLock { state -> ([UnsafeContinuation<Int, any Error>], Bool) in
      state.listener = listener
      defer { state.listening = .port(boundPort) }
      if case .notYet(let waiters) = state.listening { return (waiters, state.shuttingDown) }
      return ([], state.shuttingDown)
    }
    for waiter in waiters { waiter.resume(returning: boundPort) }
    listener.loop.execute { listener.start() }
    if alreadyShutDown { beginGracefulShutdown() }
    await withTaskCancellationHandler {
      await withUnsafeContinuation { continuation in
        let finishedAlready = state.withLock { state -> Bool in
          if state.shuttingDown, state.connections.isEmpty, state.listener == nil,
            runningHandlers.load(ordering: .acquiring) == 0
          {
            return true
          }
          state.serveFinished = continuation
          return false
        }
        if finishedAlready { continuation.resume() }
      }
    } onCancel: {
      shutDownNow()
    }
  }

  func listeningPort() async throws -> Int {
    try await withUnsafeThrowingContinuation { continuation in
      let result = state.withLock { state -> Result<Int, RPCError>? in
        switch state.listening {
        case .port(let port): return .success(port)
        case .failed(let error): return .failure(error)
        case .notYet(var waiters):
          waiters.append(continuation)
          state.listening = .notYet(waiters)
          return nil
        }
      }
      if let result { continuation.resume(with: result) }
    }
  }

  // MARK: Connections

  /// Takes a connection accepted by the listener or made in process.
  func adopt(fd: Int32, peer: String) {
    let loop = configuration.eventLoops.next()
    loop.execute { [self] in
      let connection = ServerConnection(fd: fd, loop: loop, peer: peer, engine: self)
      let refused = state.withLock { state -> Bool in
        if state.shuttingDown { return true }
        state.connections[ObjectIdentifier(connection)] = connection
        return false
      }
      if refused {
        Glibc.close(fd)
        return
      }
      connection.start()
    }
  }

  /// A connection that the engine tracked has closed.
  func connectionClosed(_ connection: ServerConnection) {
    let finished = state.withLock { state -> UnsafeContinuation<Void, Never>? in
      state.connections[ObjectIdentifier(connection)] = nil
      return takeFinishedLocked(&state)
    }
    finished?.resume()
  }

  /// A handler task is about to start.
  func handlerStarted() {
    runningHandlers.add(1, ordering: .relaxed)
  }

  /// A handler task has returned; the last one of a server shutting down lets serve() return.
  func handlerEnded() {
    guard runningHandlers.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 else { return }
    let finished = state.withLock { takeFinishedLocked(&$0) }
    finished?.resume()
  }

  private func takeFinishedLocked(_ state: inout State) -> UnsafeContinuation<Void, Never>? {
    guard state.shuttingDown, state.connections.isEmpty, state.listener == nil,
      runningHandlers.load(ordering: .acquiring) == 0
    else { return nil }
    defer { state.serveFinished = nil }
    return state.serveFinished
  }

  /// Whether in-process clients may still connect.
  var acceptsConnections: Bool { state.withLock { !$0.shuttingDown } }

  // MARK: Shutdown

  func beginGracefulShutdown() {
    let (listener, connections) = state.withLock { state -> (Listener?, [ServerConnection]) in
      state.shuttingDown = true
      return (state.listener, Array(state.connections.values))
    }
    let grace = configuration.shutdownGracePeriod
    for connection in connections {
      connection.loop.execute { connection.beginDrain(gracePeriod: grace) }
    }
    if let listener {
      listener.loop.execute { [self] in
        listener.close()
        // Only now may serve() return: a caller that restarts on the same port at once
        // must find it free, not still held by this socket.
        let finished = state.withLock { state -> UnsafeContinuation<Void, Never>? in
          if state.listener === listener { state.listener = nil }
          return takeFinishedLocked(&state)
        }
        finished?.resume()
      }
    } else {
      let finished = state.withLock { takeFinishedLocked(&$0) }
      finished?.resume()
    }
  }

  /// The hard stop: cancel every call and close every connection now.
  private func shutDownNow() {
    beginGracefulShutdown()
    let connections = state.withLock { Array($0.connections.values) }
    for connection in connections {
      connection.loop.execute { connection.beginDrain(gracePeriod: .zero) }
    }
  }
}

/// The listening socket: accepts connections and hands them to the engine.
///
/// Loop-confined, reached from other threads only through `loop.execute`: `@unchecked Sendable`.
final class Listener: LoopHandler, @unchecked Sendable {
  let fd: Int32
  let loop: EventLoop
  let engine: ServerEngine
  private var isClosed = false

  init(fd: Int32, loop: EventLoop, engine: ServerEngine) {
    self.fd = fd
    self.loop = loop
    self.engine = engine
  }

  func start() {
    guard !isClosed else { return }
    loop.register(fd, handler: self)
  }

  func handleEvents(_ events: UInt32) {
    while !isClosed, let (connection, peer) = Socket.accept(fd) {
      engine.adopt(fd: connection, peer: peer.description)
    }
  }

  func close() {
    guard !isClosed else { return }
    isClosed = true
    loop.deregister(fd)
    Glibc.close(fd)
  }
}

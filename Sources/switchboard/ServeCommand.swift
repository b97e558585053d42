import ChatService
import SwitchboardRPC

#if canImport(Glibc)
import Glibc
#endif

/// `switchboard serve`: the chat desk on a port, on an SQLite file, until SIGINT or SIGTERM.
enum ServeCommand {
  static let help = """
    usage: switchboard serve [--host H] [--port P] [--database FILE] [--watch-log-days D]

    Serves the chat API on H:P (default 0.0.0.0:7400; --port 0 picks a free port) with its data
    in FILE (default ./switchboard.sqlite, created if missing). SIGINT or SIGTERM drain calls in
    flight, then stop.

    The watch log keeps D days of events (default 7, at most 3650): a watch resumes with
    after_sequence from any event of that time. Messages, chats and journeys are kept for good.
    """

  static func main(_ arguments: [String]) async -> Int32 {
    var host = "0.0.0.0"
    var port = 7400
    var database = "./switchboard.sqlite"
    var watchLogRetention = ChatServer.defaultWatchLogRetention
    var rest = arguments[...]
    while let flag = rest.popFirst() {
      if flag == "--help" || flag == "-h" {
        print(help)
        return 0
      }
      guard let value = rest.popFirst() else { return fail("\(flag) needs a value\n\n\(help)") }
      switch flag {
      case "--host": host = value
      case "--port":
        guard let number = Int(value), (0...65535).contains(number) else { return fail("--port takes 0 to 65535; got \(value)") }
        port = number
      case "--database": database = value
      case "--watch-log-days":
        guard let days = Int(value), (1...3650).contains(days) else { return fail("--watch-log-days takes 1 to 3650; got \(value)") }
        watchLogRetention = .seconds(days * 24 * 3600)
      default: return fail("unknown option \(flag)\n\n\(help)")
      }
    }
    let desk: ChatServer
    do {
      if let upgrade = try ChatServer.schemaUpgrade(databasePath: database) {
        log("upgrading database \(database) from schema \(upgrade.from) to \(upgrade.to): a large one takes a while")
      }
      desk = try ChatServer(databasePath: database, watchLogRetention: watchLogRetention)
    } catch {
      return fail("cannot open the database \(database): \(error)")
    }
    var configuration = RPCServer.Configuration()
    configuration.interceptors = desk.interceptors
    let server = RPCServer(host: host, port: port, services: desk.services, configuration: configuration)
    let signals = ShutdownSignals {
      log("stopping: draining calls in flight")
      desk.health.markAllNotServing()
      desk.endWatches()
      server.beginGracefulShutdown()
    }
    do {
      if let first = try await desk.prepare() {
        say("""
          New database \(database): created workspace "Default" (id \(first.workspaceID)).
            admin key:    \(first.adminKey)
            operator key: \(first.operatorKey)
          These are shown once; the database keeps only their digests.
          """)
      }
      try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.serve() }
        group.addTask { await desk.runMaintenance() }
        let bound = try await server.listeningPort
        log("switchboard serving on \(host):\(bound), database \(database)")
        try await group.next()
        group.cancelAll()
      }
    } catch {
      await desk.close()
      return fail("switchboard serve: \(error)")
    }
    await desk.close()
    log("switchboard stopped")
    withExtendedLifetime(signals) {}
    return 0
  }
}

/// Lines to standard output, written at once (not held in a buffer while the server runs).
func say(_ text: String) {
  var text = text + "\n"
  text.withUTF8 { _ = write(1, $0.baseAddress, $0.count) }
}

/// One line to standard error, flushed at once.
func log(_ line: String) {
  var text = line + "\n"
  text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

/// Prints `message` to standard error and returns the exit status of a usage error.
func fail(_ message: String) -> Int32 {
  log(message)
  return 2
}

@testable import ChatService
import Foundation
import SwitchboardChatClient
import SwitchboardSQLite
import Testing

/// A chat desk on a fresh database in a temporary directory, served over TCP on a free port,
/// with a manual clock; tests call it through the generated client, as users do.
final class DeskHarness: Sendable {
  let directory: String
  let clock: ManualDeskClock
  let desk: ChatServer
  let server: RPCServer
  let client: RPCClient
  let port: Int
  /// The first workspace's admin key.
  let adminKey: String
  /// The operator key.
  let operatorKey: String
  /// Both keys, to start the desk again on the same database.
  var keys: DeskKeys { DeskKeys(adminKey: adminKey, operatorKey: operatorKey) }
  private let serving: Task<Void, any Error>

  private init(
    directory: String, clock: ManualDeskClock, desk: ChatServer, server: RPCServer, serving: Task<Void, any Error>,
    port: Int, keys: DeskKeys
  ) {
    self.directory = directory
    self.clock = clock
    self.desk = desk
    self.server = server
    self.serving = serving
    self.port = port
    client = RPCClient(host: "127.0.0.1", port: port)
    adminKey = keys.adminKey
    operatorKey = keys.operatorKey
  }

  /// Starts a desk; `body` runs against it, then everything is shut down and deleted.
  ///
  /// With a `databaseDirectory` the database is kept; starting again on it needs the `keys` of
  /// its first start, since `prepare()` makes keys only for a new database.
  static func with<T: Sendable>(
    databaseDirectory: String? = nil, keys: DeskKeys? = nil, watchBuffer: Int = 4096,
    _ body: (DeskHarness) async throws -> T
  ) async throws -> T {
    let directory = databaseDirectory ?? FileManager.default.temporaryDirectory
      .appendingPathComponent("switchboard-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let harness = try await start(directory: directory, keys: keys, watchBuffer: watchBuffer)
    do {
      // Migrations at open make the writer's first statements compile again once; after
      // that, no statement may need it at every call (see StatementRecompilationTests).
      let recompiledBefore = try await harness.writerRecompilations()
      let result = try await body(harness)
      #expect(try await harness.writerRecompilations() == recompiledBefore, "the writer compiled statements again")
      await harness.stop()
      try harness.expectNoDanglingReferences()
      if databaseDirectory == nil { try? FileManager.default.removeItem(atPath: directory) }
      return result
    } catch {
      await harness.stop()
      if databaseDirectory == nil { try? FileManager.default.removeItem(atPath: directory) }
      throw error
    }
  }

  private static func start(directory: String, keys given: DeskKeys?, watchBuffer: Int) async throws -> DeskHarness {
    let clock = ManualDeskClock()
    let desk = try ChatServer(databasePath: directory + "/desk.sqlite", clock: clock, watchBuffer: watchBuffer)
    let keys: DeskKeys
    do {
      let first = try await desk.prepare()
      guard let found = first.map({ DeskKeys(adminKey: $0.adminKey, operatorKey: $0.operatorKey) }) ?? given else {
        throw HarnessError("the database was not new: pass the keys of its first start")
      }
      keys = found
    } catch {
      await desk.close()
      throw error
    }
    var configuration = RPCServer.Configuration()
    configuration.interceptors = desk.interceptors
    configuration.shutdownGracePeriod = .seconds(2)
    let server = RPCServer(host: "127.0.0.1", port: 0, services: desk.services, configuration: configuration)
    let serving = Task { try await server.serve() }
    let port = try await server.listeningPort
    return DeskHarness(directory: directory, clock: clock, desk: desk, server: server, serving: serving, port: port, keys: keys)
  }

  func stop() async {
    client.close()
    desk.endWatches()
    server.beginGracefulShutdown()
    _ = try? await serving.value
    await desk.close()
  }

  /// Checks every REFERENCES of the schema against the rows the test left: the desk does not
  /// enforce them at run time (see `ChatServer`), so its code must never write a dangling id.
  func expectNoDanglingReferences(sourceLocation: SourceLocation = #_sourceLocation) throws {
    let db = try SQLiteConnection(path: directory + "/desk.sqlite", readOnly: true)
    let dangling = try db.fetchAll("PRAGMA foreign_key_check") { row in
      "\(try row.string(0)) row \(row.optionalInt64(1).map(String.init) ?? "?") -> \(try row.string(2))"
    }
    #expect(dangling.isEmpty, "rows referring to rows that do not exist: \(dangling)", sourceLocation: sourceLocation)
  }

  /// How many times the writer's cached statements were compiled again so far.
  func writerRecompilations() async throws -> Int {
    try await desk.desk.database.write { $0.statementsRecompiled }
  }

  /// The API with `secret`'s credentials.
  func api(_ secret: String?) -> SwitchboardAPI {
    SwitchboardAPI(client: client, secret: secret)
  }

  /// The first workspace's admin API.
  var admin: SwitchboardAPI { api(adminKey) }
}

/// The admin and operator keys a desk printed at its first start.
struct DeskKeys: Sendable {
  let adminKey: String
  let operatorKey: String
}

struct HarnessError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Expects `body` to fail with `code`; returns the error's message.
@discardableResult
func expectRPCError(
  _ code: RPCError.Code, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> some Any
) async -> String {
  do {
    _ = try await body()
    Issue.record("expected \(code), the call succeeded", sourceLocation: sourceLocation)
    return ""
  } catch let error as RPCError {
    #expect(error.code == code, "\(error.message)", sourceLocation: sourceLocation)
    return error.message
  } catch {
    Issue.record("expected RPCError \(code), got \(error)", sourceLocation: sourceLocation)
    return ""
  }
}

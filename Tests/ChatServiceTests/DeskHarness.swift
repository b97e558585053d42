import ChatService
import Foundation
import SwitchboardChatClient
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
  private let serving: Task<Void, any Error>

  private init(
    directory: String, clock: ManualDeskClock, desk: ChatServer, server: RPCServer, serving: Task<Void, any Error>,
    port: Int, first: ChatServer.FirstStart
  ) {
    self.directory = directory
    self.clock = clock
    self.desk = desk
    self.server = server
    self.serving = serving
    self.port = port
    client = RPCClient(host: "127.0.0.1", port: port)
    adminKey = first.adminKey
    operatorKey = first.operatorKey
  }

  /// Starts a desk; `body` runs against it, then everything is shut down and deleted.
  static func with<T: Sendable>(
    databaseDirectory: String? = nil, _ body: (DeskHarness) async throws -> T
  ) async throws -> T {
    let directory = databaseDirectory ?? FileManager.default.temporaryDirectory
      .appendingPathComponent("switchboard-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let harness = try await start(directory: directory)
    do {
      let result = try await body(harness)
      await harness.stop()
      if databaseDirectory == nil { try? FileManager.default.removeItem(atPath: directory) }
      return result
    } catch {
      await harness.stop()
      if databaseDirectory == nil { try? FileManager.default.removeItem(atPath: directory) }
      throw error
    }
  }

  private static func start(directory: String) async throws -> DeskHarness {
    let clock = ManualDeskClock()
    let desk = try ChatServer(databasePath: directory + "/desk.sqlite", clock: clock)
    let first = try await desk.prepare()
    var configuration = RPCServer.Configuration()
    configuration.interceptors = desk.interceptors
    configuration.shutdownGracePeriod = .seconds(2)
    let server = RPCServer(host: "127.0.0.1", port: 0, services: desk.services, configuration: configuration)
    let serving = Task { try await server.serve() }
    let port = try await server.listeningPort
    guard let first else { throw HarnessError("the database was not new") }
    return DeskHarness(directory: directory, clock: clock, desk: desk, server: server, serving: serving, port: port, first: first)
  }

  func stop() async {
    client.close()
    server.beginGracefulShutdown()
    _ = try? await serving.value
    await desk.close()
  }

  /// The API with `secret`'s credentials.
  func api(_ secret: String?) -> SwitchboardAPI {
    SwitchboardAPI(client: client, secret: secret)
  }

  /// The first workspace's admin API.
  var admin: SwitchboardAPI { api(adminKey) }
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

@testable import ChatService
import Foundation
import SwitchboardChatClient
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `switchboard serve` as an operator runs it: the first start prints the keys, every
/// acknowledged message survives `kill -9`, a restart on the same file prints nothing new, and
/// SIGTERM stops it cleanly.
@Suite(.timeLimit(.minutes(1)))
struct ServeCommandTests {
  /// The server executable, built beside this test binary because the test target depends on it.
  static let executable: URL = {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [
      directory.appending(path: "switchboard"),
      directory.deletingLastPathComponent().appending(path: "switchboard"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
  }()

  /// A running `switchboard serve`, its port, and what it printed before serving.
  struct Running {
    let process: Process
    let port: Int
    let banner: String
    /// The log lines up to the one saying it serves.
    let log: String
    let errors: FileHandle
  }

  static func start(database: String) throws -> Running {
    let process = Process()
    process.executableURL = executable
    process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0", "--database", database]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // The log line naming the port comes after the banner, once the server listens.
    var log = ""
    while !log.contains("\n") || !log.contains("serving on") {
      let data = err.fileHandleForReading.availableData
      guard !data.isEmpty else { throw HarnessError("switchboard serve exited: \(log)") }
      log += String(decoding: data, as: UTF8.self)
    }
    guard let range = log.range(of: "127.0.0.1:"),
      let port = Int(log[range.upperBound...].prefix { $0.isNumber })
    else { throw HarnessError("no port in \(log)") }
    // The banner is written before the server starts listening, so it is all there by now.
    var banner = ""
    let flags = fcntl(out.fileHandleForReading.fileDescriptor, F_GETFL)
    _ = fcntl(out.fileHandleForReading.fileDescriptor, F_SETFL, flags | O_NONBLOCK)
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = read(out.fileHandleForReading.fileDescriptor, &buffer, buffer.count)
      guard count > 0 else { break }
      banner += String(decoding: buffer[0..<count], as: UTF8.self)
    }
    return Running(process: process, port: port, banner: banner, log: log, errors: err.fileHandleForReading)
  }

  @Test func aWatchLogRetentionOutOfRangeIsRefusedBeforeAnythingStarts() throws {
    let process = Process()
    process.executableURL = Self.executable
    process.arguments = ["serve", "--port", "0", "--database", "/nonexistent/never-created.sqlite", "--watch-log-days", "0"]
    let err = Pipe()
    process.standardError = err
    try process.run()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 2)
    #expect(message.contains("--watch-log-days takes 1 to 3650; got 0"), "\(message)")
  }

  /// An upgrade of a large database takes a while: the operator is told before it starts,
  /// and only then.
  @Test func anUpgradeIsAnnouncedBeforeItRuns() throws {
    let directory = FileManager.default.temporaryDirectory.appending(path: "switchboard-upgrade-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let database = directory + "/desk.sqlite"
    _ = try SchemaMigrationTests().database(at: 9, database)

    let upgraded = try Self.start(database: database)
    let newest = StoreSchema.migrations.count
    #expect(upgraded.log.contains("upgrading database \(database) from schema 9 to \(newest)"), "\(upgraded.log)")
    kill(upgraded.process.processIdentifier, SIGTERM)
    upgraded.process.waitUntilExit()
    #expect(try ChatServer.schemaUpgrade(databasePath: database) == nil)

    let again = try Self.start(database: database)
    #expect(!again.log.contains("upgrading"), "\(again.log)")
    kill(again.process.processIdentifier, SIGTERM)
    again.process.waitUntilExit()
  }

  @Test func acknowledgedMessagesSurviveKillNineAndSigtermStopsCleanly() async throws {
    let directory = FileManager.default.temporaryDirectory.appending(path: "switchboard-serve-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let database = directory + "/desk.sqlite"

    let first = try Self.start(database: database)
    #expect(!first.log.contains("upgrading"), "a new database is not an upgrade: \(first.log)")
    let adminKey = try #require(first.banner.split(separator: "\n").first { $0.contains("admin key:") }?.split(separator: " ").last)
    #expect(first.banner.contains("operator key:"))
    var client = RPCClient(host: "127.0.0.1", port: first.port)
    var admin = SwitchboardAPI(client: client, secret: String(adminKey))
    let key = try await admin.admin.createApiKey(CreateApiKeyRequest(label: "whatsapp", scopes: [.ingest]))
    let ada = try await admin.admin.createAgent(CreateAgentRequest(name: "Ada", email: "ada@example.com", role: .agent))
    let token = try await admin.admin.issueAgentToken(IssueAgentTokenRequest(agentID: ada.id))
    let connector = SwitchboardAPI(client: client, secret: key.secret)
    for index in 0..<20 {
      _ = try await connector.chats.receiveInbound(ReceiveInboundRequest(
        waMessageID: "wamid.\(index)", waUserID: "551190000\(100 + index)", profileName: "User \(index)", text: "hello"))
    }
    // Every call above was acknowledged: now the process dies without a chance to flush.
    kill(first.process.processIdentifier, SIGKILL)
    first.process.waitUntilExit()
    client.close()

    let second = try Self.start(database: database)
    #expect(!second.banner.contains("admin key"), "a restart must not make new keys: \(second.banner)")
    client = RPCClient(host: "127.0.0.1", port: second.port)
    admin = SwitchboardAPI(client: client, secret: String(adminKey))
    let agent = SwitchboardAPI(client: client, secret: token.token)
    let chats = try await agent.chats.listChats(ListChatsRequest(page: PageRequest(pageSize: 100)))
    #expect(chats.chats.count == 20)
    #expect(Set(chats.chats.map(\.contactName)) == Set((0..<20).map { "User \($0)" }))
    let retried = try await SwitchboardAPI(client: client, secret: key.secret).chats.receiveInbound(
      ReceiveInboundRequest(waMessageID: "wamid.7", waUserID: "551190000107", text: "hello"))
    #expect(!retried.created)

    // An agent's inbox watch is open when the stop comes: it ends normally, at once, instead
    // of holding the drain for the whole grace period (10 s).
    let (started, opened) = AsyncStream.makeStream(of: Void.self)
    let watching = Task {
      // Replaying the log from the start makes the first event arrive at once: the watch is
      // then surely open on the server.
      try await agent.watches.watchInbox(WatchInboxRequest(afterSequence: 0)) { stream in
        for try await _ in stream { opened.yield() }
        return true
      }
    }
    for await _ in started { break }
    let stopping = ContinuousClock.now
    kill(second.process.processIdentifier, SIGTERM)
    #expect(try await watching.value)
    second.process.waitUntilExit()
    #expect(ContinuousClock.now - stopping < .seconds(5))
    client.close()
    #expect(second.process.terminationStatus == 0)
    let log = String(decoding: second.errors.readDataToEndOfFile(), as: UTF8.self)
    #expect(log.contains("stopped"))
    _ = admin
  }
}

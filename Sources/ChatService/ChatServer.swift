import Foundation
import SwitchboardChatClient
import SwitchboardHealth
import SwitchboardRPC
import SwitchboardSQLite

/// The chat desk as a set of RPC services over one SQLite file: what `switchboard serve`
/// runs, and what tests start on a temporary file with a manual clock.
///
/// ```swift
/// let desk = try ChatServer(databasePath: "switchboard.sqlite")
/// if let first = try await desk.prepare() { print("admin key:", first.adminKey) }
/// let server = RPCServer(port: 7400, services: desk.services,
///                        configuration: .init(interceptors: desk.interceptors))
/// ```
public final class ChatServer: Sendable {
  /// The credentials made when the database was new, shown once.
  public struct FirstStart: Sendable {
    /// The first workspace's id.
    public var workspaceID: String
    /// An admin key of the first workspace.
    public var adminKey: String
    /// The operator key, which creates more workspaces through `Admin.CreateWorkspace`.
    public var operatorKey: String
  }

  let desk: Desk
  let authenticator: Authenticator
  /// The health service; the chat services are marked serving once `prepare()` ran.
  public let health = HealthProvider()

  /// How the database's writer is doing: commits, batch sizes, and the CPU time it has used,
  /// which bounds the desk's write rate since one thread runs every write.
  public var writerStatistics: SQLiteWriter.Statistics { desk.database.writer.statistics }

  /// How the desk opens its database: SQLite's defaults here, except that foreign keys are not
  /// enforced at run time. Enforcing them gives every INSERT and UPDATE a statement journal (a
  /// copy of each page it changes, to undo the statement on a violation): a tenth of the
  /// writer's time per inbound message. The schema's REFERENCES still say how rows relate; the
  /// service only writes ids it has just read or created in the same transaction, and the
  /// tests run `PRAGMA foreign_key_check` on every database they leave.
  static var storage: SQLiteConfiguration {
    var configuration = SQLiteConfiguration()
    configuration.foreignKeys = false
    return configuration
  }

  /// How long the watch log keeps an event: a watch may resume from any sequence it saw within
  /// this time. The messages, chats and journey are the record and are never pruned.
  public let watchLogRetention: Duration

  /// A week of the watch log, by default: an agent or connector away longer reloads instead.
  public static let defaultWatchLogRetention = Duration.seconds(7 * 24 * 3600)

  /// Opens (creating and migrating) the database at `databasePath`.
  ///
  /// - Parameters:
  ///   - watchBuffer: how many changes a watch may fall behind the live notifications before it
  ///     is sent to read them from the database instead (it loses nothing either way; the
  ///     buffer only saves those reads).
  ///   - watchLogRetention: how long the watch log keeps an event (positive).
  public init(
    databasePath: String, clock: any DeskClock = SystemDeskClock(), watchBuffer: Int = 4096,
    watchLogRetention: Duration = defaultWatchLogRetention
  ) throws {
    precondition(watchLogRetention > .zero, "the watch log must keep its events for some time")
    self.watchLogRetention = watchLogRetention
    let database = try SQLiteDatabase(path: databasePath, migrator: StoreSchema.migrator(), configuration: Self.storage)
    let desk = Desk(database: database, clock: clock, hub: EventHub(bufferLimit: watchBuffer))
    self.desk = desk
    authenticator = Authenticator(now: { clock.nowMilliseconds() }) { digest, kind, now in
      try await desk.read { db in try db.caller(digest: digest, kind: kind, now: now) }
    }
  }

  /// The schema versions an existing database at `databasePath` will be upgraded from and to
  /// when opened; nil when there is nothing to upgrade (a new or current file). Upgrades of a
  /// large database take a while (linking ten million messages, about a minute), which
  /// `switchboard serve` says before it starts one.
  public static func schemaUpgrade(databasePath: String) throws -> (from: Int, to: Int)? {
    guard FileManager.default.fileExists(atPath: databasePath) else { return nil }
    let db = try SQLiteConnection(path: databasePath, readOnly: true)
    let current = try Migrator.userVersion(of: db)
    let newest = StoreSchema.migrations.count
    return current > 0 && current < newest ? (current, newest) : nil
  }

  /// Every service to serve.
  public var services: [any RPCService] {
    [
      health,
      AdminProvider(desk: desk, authenticator: authenticator),
      ChatsProvider(desk: desk),
      ContactsProvider(desk: desk),
      TagsProvider(desk: desk),
      JourneyProvider(desk: desk),
      BotProvider(desk: desk),
      DeliveryProvider(desk: desk),
      WatchesProvider(desk: desk),
      CampaignsProvider(desk: desk),
      MetricsProvider(desk: desk),
    ]
  }

  /// The interceptors the server must run: authentication first.
  public var interceptors: [any ServerInterceptor] { [authenticator] }

  /// Creates the first workspace, its admin key and the operator key when the database is
  /// new; nil when it was set up before.
  public func prepare() async throws -> FirstStart? {
    let adminKey = Secrets.mint(.apiKey)
    let operatorKey = Secrets.mint(.apiKey)
    let now = desk.now
    // Every inbound message's WhatsApp id is checked against every one stored: the filters that
    // spare it reading the table are filled now, not by the first message.
    try await desk.write { [desk] db, _ in try desk.inboundIDs.load(on: db) }
    let first = try await desk.write { db, _ -> FirstStart? in
      guard try db.workspaceCount() == 0 else { return nil }
      let id = try db.insertWorkspace(name: "Default", now: now)
      _ = try db.insertAPIKey(workspaceID: id, label: "first admin key", scopes: [.admin], secret: adminKey, now: now)
      _ = try db.insertAPIKey(workspaceID: nil, label: "operator", scopes: [.operator], secret: operatorKey, now: now)
      return FirstStart(workspaceID: id.idString, adminKey: adminKey, operatorKey: operatorKey)
    }
    for service in ["Chats", "Contacts", "Tags", "Journey", "Campaigns", "Bot", "Delivery", "Admin", "Watches", "Metrics"] {
      health.setStatus(.serving, forService: "switchboard.chat.v1.\(service)")
    }
    return first
  }

  /// Moves quiet chats to History, marks requested chats past the intervention target and
  /// prunes the watch log, every `interval`, until the task is cancelled.
  public func runMaintenance(every interval: Duration = .seconds(15)) async {
    // Two loops: pruning a backlog takes minutes, and the timers must not wait for it.
    await withTaskGroup(of: Void.self) { group in
      group.addTask {
        while !Task.isCancelled {
          _ = try? await self.sweep()
          try? await Task.sleep(for: interval)
        }
      }
      group.addTask {
        while !Task.isCancelled {
          _ = try? await self.pruneWatchLog()
          try? await Task.sleep(for: interval)
        }
      }
    }
  }

  /// Marks the watch log's newest sequence with the time, then deletes the events logged
  /// longer than `watchLogRetention` ago; returns how many it deleted. A watch resuming from
  /// before them is refused with `outOfRange` rather than replayed with a gap.
  @discardableResult
  public func pruneWatchLog() async throws -> Int {
    try await pruneWatchLog(chunk: 2_000)
  }

  /// Deletes `chunk` events per write, so ingest commits between them and no write holds the
  /// writer long however much is due. After each full chunk it rests three times as long as the
  /// write took, its wait for the writer included: a backlog (a server upgraded with months of
  /// log, or back after a long stop) then takes at most about a quarter of the writer's time
  /// until it is gone, and less the busier the writer is.
  func pruneWatchLog(chunk: Int) async throws -> Int {
    precondition(chunk > 0, "pruning needs a positive chunk")
    let desk = desk
    let cutoff = desk.now - watchLogRetention.milliseconds
    // Open watches are never passed (their oldest position caps the pruning); woken now, the
    // quiet ones move to the log's newest and hold the next pass back no further.
    desk.hub.wakeAll(.chats)
    var pruned = 0
    var first = true
    while !Task.isCancelled {
      let marking = first
      let started = ContinuousClock.now
      let deleted = try await desk.write { db, _ in
        // The time read in the write: every event it marks was logged before it.
        if marking { try db.markEventLog(now: desk.now) }
        return try db.pruneEvents(loggedBy: cutoff, limit: chunk, keepingAfter: desk.watchPositions.oldest)
      }
      first = false
      pruned += deleted
      if deleted < chunk { break }
      try await Task.sleep(for: (ContinuousClock.now - started) * 3)
    }
    return pruned
  }

  /// One pass of the timers: returns how many chats it changed. Tests call it after moving
  /// their clock.
  @discardableResult
  public func sweep() async throws -> Int {
    let now = desk.now
    return try await desk.write { db, changes in try Maintenance(db: db, now: now).run(changes: &changes) }
  }

  /// Ends every open watch (they end normally, and their callers resume elsewhere from their
  /// last sequence number): call it when shutdown begins, so draining does not wait for them.
  public func endWatches() {
    desk.hub.close()
  }

  /// Finishes queued writes and closes the database.
  public func close() async {
    await desk.database.close()
  }
}

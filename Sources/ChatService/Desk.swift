import SwitchboardChatClient
import SwitchboardSQLite

/// What every service of the chat desk shares: the database, the clock, the live event hub.
///
/// Writes go through ``write(_:)``, which runs the change in the writer's next group commit
/// and, once it is committed, wakes the watchers of what it logged: a watcher never hears of
/// a change that could still roll back.
final class Desk: Sendable {
  let database: SQLiteDatabase
  let clock: any DeskClock
  let hub: EventHub
  /// Workspaces' rule periods and bots, cached.
  let rules = WorkspaceRules()
  /// Returning users' contacts and chats, to decide their next message from.
  let inboundStates = InboundStateCache()
  /// How far each open inbox and chat watch has read, so pruning never passes them.
  let watchPositions = WatchPositions()
  /// Which WhatsApp ids are stored: the writer's idempotency check, filtered in memory.
  let inboundIDs = InboundIDIndex()

  init(database: SQLiteDatabase, clock: any DeskClock, hub: EventHub = EventHub()) {
    self.database = database
    self.clock = clock
    self.hub = hub
  }

  /// Now, in milliseconds since the epoch.
  var now: Int64 { clock.nowMilliseconds() }

  /// What a write logged for watchers, published after its commit.
  struct Changes: Sendable {
    var events: [EventHub.Entry] = []
    var outbox: [EventHub.Entry] = []
  }

  /// Runs `body` in the next group commit; returns its result once committed.
  func write<T: Sendable>(
    _ body: @escaping @Sendable (SQLiteConnection, inout Changes) throws -> T
  ) async throws -> T {
    let committed = try await database.write { db -> Committed<T> in
      var changes = Changes()
      let result = try body(db, &changes)
      return Committed(result: result, changes: changes)
    }
    hub.publish(.chats, committed.changes.events)
    hub.publish(.outbox, committed.changes.outbox)
    return committed.result
  }

  /// A write's result on its way from the writer thread to the caller, boxed: a response is a
  /// tree of strings and arrays, and each hand-over (into the commit's answer, into the
  /// continuation, out of it) copied every reference in it, on the writer's thread.
  private final class Committed<T: Sendable>: Sendable {
    let result: T
    let changes: Changes

    init(result: T, changes: Changes) {
      self.result = result
      self.changes = changes
    }
  }

  /// Runs `body` on a reader: it sees committed data only and never waits for the writer.
  func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
    try await database.read(body)
  }
}

extension Caller {
  /// The caller's workspace, or `permissionDenied` for the operator's key, which has none.
  func requireWorkspace() throws(ServiceError) -> Int64 {
    guard let workspaceID else {
      throw .permissionDenied("the operator key only creates workspaces; use a workspace's key or token")
    }
    return workspaceID
  }

  /// The caller, or `unauthenticated` when the authenticator did not run.
  static func require() throws(ServiceError) -> Caller {
    guard let caller = current else { throw .unauthenticated("this call carries no credentials") }
    return caller
  }

  /// The caller as the journey and messages name it.
  var actor: Actor {
    switch identity {
    case .agent(let id, let name, _): Actor(kind: .agent, id: id.idString, name: name)
    case .apiKey(let id, let label, _): Actor(kind: .apiKey, id: id.idString, name: label)
    }
  }
}

import ChatDomain
import Synchronization

/// Each workspace's rule periods and bot, kept in memory: every inbound message needs both,
/// and reading and decoding them on the writer cost a fifth of its time per message.
///
/// Filled on first use from a reader; emptied for a workspace when its settings or bot change
/// (by this server: one node owns its database file). A read that raced with a change is used
/// for its own call but not kept.
final class WorkspaceRules: Sendable {
  /// What a workspace's rules are: shared by every message of the workspace, so a class.
  final class Entry: Sendable {
    let policy: ChatPolicy
    /// The bot, compiled once here rather than for every message it answers.
    let bot: CompiledBot

    init(policy: ChatPolicy, bot: CompiledBot) {
      self.policy = policy
      self.bot = bot
    }
  }

  private struct State {
    var entries: [Int64: Entry] = [:]
    /// Moves on every ``forget(_:)``: a value read before a change must not be kept after it.
    var generation: UInt64 = 0
  }

  private let state = Mutex(State())

  /// The rules of `workspaceID`, read through `desk` when not known yet.
  func entry(_ workspaceID: Int64, desk: Desk) async throws -> Entry {
    try await entry(workspaceID) {
      try await desk.read { db in
        Entry(policy: try db.policy(workspaceID), bot: CompiledBot(try db.botConfiguration(workspaceID)))
      }
    }
  }

  /// The rules of `workspaceID`, from `load` when not known yet. What `load` returns is kept
  /// only if no rules were forgotten while it ran: it may have read them before the change.
  func entry(_ workspaceID: Int64, load: () async throws -> Entry) async throws -> Entry {
    let (known, generation) = state.withLock { ($0.entries[workspaceID], $0.generation) }
    if let known { return known }
    let entry = try await load()
    state.withLock { state in
      if state.generation == generation { state.entries[workspaceID] = entry }
    }
    return entry
  }

  /// Forgets `workspaceID`'s rules after they changed (call it once the change is committed).
  func forget(_ workspaceID: Int64) {
    state.withLock { state in
      state.entries[workspaceID] = nil
      state.generation &+= 1
    }
  }
}

import ChatDomain
import Synchronization

/// Each workspace's rule periods and bot, kept in memory: every inbound message needs both,
/// and reading and decoding them on the writer cost a fifth of its time per message.
///
/// Filled on first use from a reader; emptied for a workspace when its settings or bot change
/// (by this server: one node owns its database file).
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

  private let entries = Mutex<[Int64: Entry]>([:])

  /// The rules of `workspaceID`, read through `desk` when not known yet.
  func entry(_ workspaceID: Int64, desk: Desk) async throws -> Entry {
    if let entry = entries.withLock({ $0[workspaceID] }) { return entry }
    let entry = try await desk.read { db in Entry(policy: try db.policy(workspaceID), bot: CompiledBot(try db.botConfiguration(workspaceID))) }
    entries.withLock { $0[workspaceID] = entry }
    return entry
  }

  /// Forgets `workspaceID`'s rules after they changed.
  func forget(_ workspaceID: Int64) {
    _ = entries.withLock { $0.removeValue(forKey: workspaceID) }
  }
}

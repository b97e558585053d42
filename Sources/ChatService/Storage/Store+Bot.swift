import ChatDomain
import SwitchboardChatClient
import SwitchboardSQLite

/// The bot configuration a workspace stores.
extension SQLiteConnection {
  /// The workspace's bot, or the domain's default until an admin replaced it.
  func botConfiguration(_ workspaceID: Int64) throws -> ChatDomain.BotConfiguration {
    guard
      let bytes = try fetchOne("SELECT bot_configuration FROM workspaces WHERE id = ?", [workspaceID], { $0.optionalBytes(0) }),
      let bytes
    else { return .default }
    return try SwitchboardChatClient.BotConfiguration(serializedBytes: bytes).domain()
  }

  func saveBotConfiguration(_ workspaceID: Int64, _ configuration: SwitchboardChatClient.BotConfiguration) throws {
    try execute("UPDATE workspaces SET bot_configuration = ? WHERE id = ?", [configuration.serializedBytes(), workspaceID])
  }
}

import SwitchboardChatClient
import SwitchboardRPC

/// The workspace's bot configuration: read by its people, replaced by its admins.
struct BotProvider: BotService {
  let desk: Desk

  func getBotConfiguration(_ request: GetBotConfigurationRequest, context: ServerContext) async throws -> BotConfiguration {
    let workspaceID = try Caller.require().requireWorkspace()
    return try await desk.read { try $0.botConfiguration(workspaceID).api }
  }

  func replaceBotConfiguration(_ request: ReplaceBotConfigurationRequest, context: ServerContext) async throws -> BotConfiguration {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireAdmin("replacing the bot's configuration")
    guard let configuration = request.configuration else {
      throw ServiceError.invalidArgument("configuration is required")
    }
    let validated = try configuration.domain().api
    try await desk.write { db, _ in try db.saveBotConfiguration(workspaceID, validated) }
    desk.rules.forget(workspaceID)
    return validated
  }
}

import SwitchboardChatClient

/// The people and services of a test desk: two agents, an admin agent and the connectors.
struct DeskPeople {
  let ada: SwitchboardAPI
  let adaID: String
  let bob: SwitchboardAPI
  let bobID: String
  let boss: SwitchboardAPI
  let bossID: String
  /// The webhook and delivery connector (ingest and delivery scopes).
  let connector: SwitchboardAPI

  static func make(_ desk: DeskHarness) async throws -> DeskPeople {
    let admin = desk.admin.admin
    func agent(_ name: String, admin role: Bool) async throws -> (SwitchboardAPI, String) {
      let agent = try await admin.createAgent(
        CreateAgentRequest(name: name, email: "\(name.lowercased())@example.com", role: role ? .admin : .agent))
      let token = try await admin.issueAgentToken(IssueAgentTokenRequest(agentID: agent.id, ttlMs: 30 * 86_400_000))
      return (desk.api(token.token), agent.id)
    }
    let (ada, adaID) = try await agent("Ada", admin: false)
    let (bob, bobID) = try await agent("Bob", admin: false)
    let (boss, bossID) = try await agent("Boss", admin: true)
    let key = try await admin.createApiKey(CreateApiKeyRequest(label: "whatsapp", scopes: [.ingest, .delivery]))
    return DeskPeople(
      ada: ada, adaID: adaID, bob: bob, bobID: bobID, boss: boss, bossID: bossID, connector: desk.api(key.secret))
  }

  /// Delivers a message from a WhatsApp user.
  func inbound(_ text: String, from user: String = "5511999990000", id: String, name: String = "Maria") async throws -> ReceiveInboundResponse {
    try await connector.chats.receiveInbound(
      ReceiveInboundRequest(waMessageID: id, waUserID: user, phone: "+\(user)", profileName: name, text: text))
  }
}

import SwitchboardChatClient

extension DeskHarness {
  /// Creates an agent in the workspace `adminAPI` administers (the first one by default) and
  /// signs them in for 30 days: their API, id and token.
  func signIn(
    _ name: String, role: AgentRole = .agent, by adminAPI: SwitchboardAPI? = nil
  ) async throws -> (api: SwitchboardAPI, id: String, token: String) {
    let admin = (adminAPI ?? self.admin).admin
    let email = name.lowercased().filter { $0.isLetter || $0.isNumber } + "@example.com"
    let agent = try await admin.createAgent(CreateAgentRequest(name: name, email: email, role: role))
    let token = try await admin.issueAgentToken(IssueAgentTokenRequest(agentID: agent.id, ttlMs: 30 * 86_400_000))
    return (api(token.token), agent.id, token.token)
  }
}

/// Options for watches in tests: a watch that does not get what the test waits for fails with
/// `deadlineExceeded` instead of hanging the suite.
let watchOptions = CallOptions(timeout: .seconds(10))

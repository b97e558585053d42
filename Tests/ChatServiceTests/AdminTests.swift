import SwitchboardChatClient
import Testing

/// Workspaces, agents, keys and tokens, through the generated client over TCP.
@Suite(.timeLimit(.minutes(1)))
struct AdminTests {
  @Test func callsWithoutCredentialsAreUnauthenticated() async throws {
    try await DeskHarness.with { desk in
      let message = await expectRPCError(.unauthenticated) {
        try await desk.api(nil).admin.getWorkspace(GetWorkspaceRequest())
      }
      #expect(message.contains("authorization"))
      await expectRPCError(.unauthenticated) {
        try await desk.api("sbk_not-a-key").admin.getWorkspace(GetWorkspaceRequest())
      }
    }
  }

  @Test func theFirstStartCreatesAWorkspaceItsAdminKeyOpens() async throws {
    try await DeskHarness.with { desk in
      let workspace = try await desk.admin.admin.getWorkspace(GetWorkspaceRequest())
      #expect(workspace.name == "Default")
      #expect(workspace.settings!.historyAfterMs == 86_400_000)
    }
  }

  @Test func agentsGetTokensThatIdentifyThemAndExpire() async throws {
    try await DeskHarness.with { desk in
      let ada = try await desk.admin.admin.createAgent(CreateAgentRequest(name: "Ada", email: "ada@example.com", role: .agent))
      let token = try await desk.admin.admin.issueAgentToken(IssueAgentTokenRequest(agentID: ada.id, ttlMs: 60_000))
      let online = try await desk.api(token.token).admin.setAgentPresence(SetAgentPresenceRequest(online: true))
      #expect(online.id == ada.id && online.online)
      // An agent is not an admin.
      await expectRPCError(.permissionDenied) {
        try await desk.api(token.token).admin.createAgent(CreateAgentRequest(name: "Eve", email: "eve@example.com", role: .admin))
      }
      desk.clock.advance(by: .seconds(61))
      await expectRPCError(.unauthenticated) {
        try await desk.api(token.token).admin.getWorkspace(GetWorkspaceRequest())
      }
    }
  }

  @Test func badAgentInputIsRefusedWithWhatToFix() async throws {
    try await DeskHarness.with { desk in
      let message = await expectRPCError(.invalidArgument) {
        try await desk.admin.admin.createAgent(CreateAgentRequest(name: "Ada", email: "not-an-email", role: .agent))
      }
      #expect(message.contains("email"))
      _ = try await desk.admin.admin.createAgent(CreateAgentRequest(name: "Ada", email: "ada@example.com", role: .agent))
      await expectRPCError(.alreadyExists) {
        try await desk.admin.admin.createAgent(CreateAgentRequest(name: "Ada 2", email: "ada@example.com", role: .agent))
      }
    }
  }

  @Test func revokedKeysStopWorkingAtOnce() async throws {
    try await DeskHarness.with { desk in
      let created = try await desk.admin.admin.createApiKey(CreateApiKeyRequest(label: "crm", scopes: [.tags]))
      _ = try await desk.api(created.secret).admin.getWorkspace(GetWorkspaceRequest())
      _ = try await desk.admin.admin.revokeApiKey(RevokeApiKeyRequest(keyID: created.key!.id))
      await expectRPCError(.unauthenticated) {
        try await desk.api(created.secret).admin.getWorkspace(GetWorkspaceRequest())
      }
    }
  }

  @Test func workspacesAreSealedFromEachOther() async throws {
    try await DeskHarness.with { desk in
      await expectRPCError(.permissionDenied) {
        try await desk.admin.admin.createWorkspace(CreateWorkspaceRequest(name: "Acme"))
      }
      let acme = try await desk.api(desk.operatorKey).admin.createWorkspace(CreateWorkspaceRequest(name: "Acme"))
      let acmeAdmin = desk.api(acme.adminKeySecret)
      #expect(try await acmeAdmin.admin.getWorkspace(GetWorkspaceRequest()).name == "Acme")
      let ada = try await desk.admin.admin.createAgent(CreateAgentRequest(name: "Ada", email: "ada@example.com", role: .agent))
      // Acme's admin cannot reach the Default workspace's agent.
      await expectRPCError(.notFound) {
        try await acmeAdmin.admin.issueAgentToken(IssueAgentTokenRequest(agentID: ada.id))
      }
      #expect(try await acmeAdmin.admin.listAgents(ListAgentsRequest()).agents.isEmpty)
    }
  }
}

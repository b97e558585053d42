import ChatDomain
import Testing

@Suite("Roles and scopes: authorize(principal, permission)")
struct AuthorizationTests {
  static let management: [Permission] = [
    .manageTags, .manageAgents, .manageBot, .manageCampaigns, .manageAPIKeys,
  ]
  static let connector: [Permission] = [.ingest, .watchOutbox, .reportStatuses, .setAPITags]

  @Test("admins manage the workspace and work chats, but do not act as connectors")
  func admins() {
    for permission in Self.management + [
      .workChats, .viewMetrics(agent: nil), .viewMetrics(agent: "a1"),
    ] {
      #expect(throws: Never.self) { try authorize(.admin(barbara), permission) }
    }
    for permission in Self.connector {
      expectRefusal(.permissionDenied, mentioning: "admin Barbara", "API keys") {
        try authorize(.admin(barbara), permission)
      }
    }
  }

  @Test("agents work chats and see their own metrics, nothing more")
  func agents() {
    #expect(throws: Never.self) { try authorize(.agent(ada), .workChats) }
    #expect(throws: Never.self) { try authorize(.agent(ada), .viewMetrics(agent: "a1")) }
    expectRefusal(.permissionDenied, mentioning: "only their own metrics") {
      try authorize(.agent(ada), .viewMetrics(agent: "a2"))
    }
    expectRefusal(.permissionDenied, mentioning: "only their own metrics") {
      try authorize(.agent(ada), .viewMetrics(agent: nil))
    }
    for permission in Self.management {
      expectRefusal(.permissionDenied, mentioning: "agent Ada may not", "only admins") {
        try authorize(.agent(ada), permission)
      }
    }
    expectRefusal(.permissionDenied, mentioning: "agent Ada may not ingest") {
      try authorize(.agent(ada), .ingest)
    }
  }

  @Test(
    "API keys do exactly what their scopes allow",
    arguments: [
      (APIScope.ingest, Permission.ingest), (.outbox, .watchOutbox), (.statuses, .reportStatuses),
      (.tags, .setAPITags),
    ])
  func scopes(scope: APIScope, permission: Permission) {
    #expect(throws: Never.self) { try authorize(.apiKey("k", scopes: [scope]), permission) }
    let others = Set(APIScope.allCases).subtracting([scope])
    expectRefusal(.permissionDenied, mentioning: "lacks the '\(scope.rawValue)' scope") {
      try authorize(.apiKey("k", scopes: others), permission)
    }
  }

  @Test("API keys never work chats or manage anything, whatever their scopes")
  func keysAreNotPeople() {
    let all = Principal.apiKey("k", scopes: Set(APIScope.allCases))
    for permission in Self.management + [.workChats, .viewMetrics(agent: nil)] {
      expectRefusal(.permissionDenied, mentioning: "API key k may not", "sign in as an agent") {
        try authorize(all, permission)
      }
    }
  }
}

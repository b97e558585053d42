import ChatDomain
import Testing

@Suite("Who sees and works a chat")
struct VisibilityTests {
  static let accepted = ChatState.accepted(by: ada, since: t0)
  static let requested = ChatState.requested(since: t0, breachRecorded: false)

  @Test(
    "the visibility matrix: owner, other agent, admin, connector key",
    arguments: [
      (accepted, Principal.agent(ada), ChatAccess.write),
      (accepted, .admin(ada), .write),
      (accepted, .agent(grace), .none),
      (accepted, .admin(barbara), .read),
      (accepted, connectorKey, .none),
      (accepted, tagsKey, .none),
      (ChatState.active, .agent(grace), .write),
      (.active, .admin(barbara), .write),
      (.active, connectorKey, .none),
      (requested, .agent(grace), .write),
      (requested, .admin(barbara), .write),
      (requested, connectorKey, .none),
      (.history, .agent(grace), .read),
      (.history, .admin(barbara), .read),
      (.history, connectorKey, .none),
    ])
  func matrix(state: ChatState, principal: Principal, access: ChatAccess) {
    let chat = makeChat(state)
    #expect(chat.access(for: principal) == access)
    #expect(chat.isListed(for: principal) == (access != .none))
    #expect((try? chat.authorizeRead(by: principal)) != nil || access == .none)
    #expect((try? chat.authorizeWrite(by: principal)) != nil || access != .write)
  }

  @Test("another agent is denied an accepted chat, with the holder's name")
  func otherAgent() {
    let chat = makeChat(Self.accepted)
    expectRefusal(.permissionDenied, mentioning: "agent Ada holds this chat", "only Ada sees it") {
      try chat.authorizeRead(by: .agent(grace))
    }
    expectRefusal(.permissionDenied, mentioning: "agent Ada holds this chat") {
      try chat.authorizeWrite(by: .agent(grace))
    }
  }

  @Test("an admin reads a chat another holds, and is told how to act on it")
  func admin() {
    let chat = makeChat(Self.accepted)
    #expect(throws: Never.self) { try chat.authorizeRead(by: .admin(barbara)) }
    expectRefusal(.permissionDenied, mentioning: "resolving it with force", "transferring it") {
      try chat.authorizeWrite(by: .admin(barbara))
    }
  }

  @Test("API keys never read chats")
  func apiKeys() {
    expectRefusal(
      .permissionDenied, mentioning: "API key k1 may not read chats", "sign in as an agent"
    ) {
      try makeChat(.active).authorizeRead(by: connectorKey)
    }
  }

  @Test("a chat in History is read-only until the user writes again")
  func historyReadOnly() {
    expectRefusal(.failedPrecondition, mentioning: "read-only until the user writes again") {
      try makeChat(.history).authorizeWrite(by: .agent(ada))
    }
  }

  @Test("once resolved, the chat is everybody's again")
  func resolvedIsShared() throws {
    var chat = makeChat(Self.accepted)
    #expect(!chat.isListed(for: .agent(grace)))
    _ = try chat.resolve(by: .agent(ada), at: t0)
    #expect(chat.access(for: .agent(grace)) == .write)
  }
}

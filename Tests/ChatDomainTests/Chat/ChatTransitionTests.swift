import ChatDomain
import Testing

@Suite("Chat sections: every transition and every refusal")
struct ChatTransitionTests {
  let t1 = t0 + .minutes(1)

  @Test("a contact's first message starts the chat in Active and tags the contact")
  func firstMessage() throws {
    let (contact, chat, events) = Contact.firstMessage(
      from: try WhatsAppUserID("5511912345678"), name: try DisplayName("Ana"), at: t0)
    #expect(chat.section == .active && chat.version == 1 && chat.owner == nil)
    #expect(chat.lastInboundAt == t0 && chat.lastMessageAt == t0)
    #expect(contact.tags == [.firstMessage: .firstMessage])
    #expect(contact.name?.rawValue == "Ana")
    #expect(
      events == [
        JourneyEvent(at: t0, actor: .contact, kind: .chatStarted),
        JourneyEvent(at: t0, actor: .system, kind: .tagAdded(.firstMessage, kind: .firstMessage)),
      ])
  }

  @Test(
    "an inbound message brings History back to Active; the other sections stay",
    arguments: [
      (ChatState.active, ChatState.active),
      (.requested(since: t0, breachRecorded: false), .requested(since: t0, breachRecorded: false)),
      (.accepted(by: ada, since: t0), .accepted(by: ada, since: t0)),
      (.history, .active),
    ])
  func inbound(from state: ChatState, to expected: ChatState) {
    var chat = makeChat(state)
    let events = chat.receiveInbound(at: t1)
    #expect(chat.state == expected)
    #expect(chat.version == 11)
    #expect(chat.lastInboundAt == t1 && chat.lastMessageAt == t1)
    let reopened = JourneyEvent(
      at: t1, actor: .contact, kind: .sectionChanged(from: .history, to: .active))
    #expect(events == (state == .history ? [reopened] : []))
  }

  @Test(
    "requesting an agent moves Active to Requested and says who asked",
    arguments: [
      (JourneyActor.contact, InterventionRequester.user),
      (.bot, .bot),
      (.agent("a1"), .api),
      (.apiKey("k9"), .api),
    ])
  func requestIntervention(actor: JourneyActor, requester: InterventionRequester) throws {
    var chat = makeChat(.active)
    let events = try chat.requestIntervention(by: actor, at: t1)
    #expect(chat.state == .requested(since: t1, breachRecorded: false))
    #expect(chat.version == 11)
    #expect(
      events == [
        JourneyEvent(at: t1, actor: actor, kind: .sectionChanged(from: .active, to: .requested)),
        JourneyEvent(at: t1, actor: actor, kind: .interventionRequested(by: requester)),
      ])
  }

  @Test("asking again while Requested changes nothing")
  func requestTwice() throws {
    var chat = makeChat(.requested(since: t0, breachRecorded: false))
    let before = chat
    #expect(try chat.requestIntervention(by: .contact, at: t1).isEmpty)
    #expect(chat == before)
  }

  @Test("an agent cannot be requested for a chat an agent holds or one in History")
  func requestRefused() {
    var accepted = makeChat(.accepted(by: ada, since: t0))
    expectRefusal(.failedPrecondition, mentioning: "agent Ada already holds this chat") {
      _ = try accepted.requestIntervention(by: .agent("a2"), at: t1)
    }
    #expect(accepted == makeChat(.accepted(by: ada, since: t0)))
    var history = makeChat(.history)
    expectRefusal(.failedPrecondition, mentioning: "History", "when the user writes") {
      _ = try history.requestIntervention(by: .bot, at: t1)
    }
    #expect(history == makeChat(.history))
  }

  @Test(
    "an agent or admin intervenes in Requested or Active: Accepted, owned by them",
    arguments: [ChatState.requested(since: t0, breachRecorded: true), .active],
    [
      Principal.agent(ada), .admin(ada),
    ])
  func intervene(from state: ChatState, principal: Principal) throws {
    var chat = makeChat(state)
    let events = try chat.intervene(by: principal, at: t1)
    #expect(chat.state == .accepted(by: ada, since: t1))
    #expect(chat.version == 11 && chat.lastInterventionVersion == 11)
    #expect(
      events == [
        JourneyEvent(
          at: t1, actor: .agent("a1"), kind: .sectionChanged(from: state.section, to: .accepted)),
        JourneyEvent(at: t1, actor: .agent("a1"), kind: .intervened(agent: "a1")),
      ])
  }

  @Test("API keys cannot intervene, and nobody intervenes in History")
  func interveneRefused() {
    var requested = makeChat(.requested(since: t0, breachRecorded: false))
    expectRefusal(.permissionDenied, mentioning: "API key k1", "only agents and admins") {
      _ = try requested.intervene(by: connectorKey, at: t1)
    }
    #expect(requested.section == .requested)
    var history = makeChat(.history)
    expectRefusal(.failedPrecondition, mentioning: "History", "template message") {
      _ = try history.intervene(by: .agent(ada), at: t1)
    }
    #expect(history == makeChat(.history))
  }

  @Test("the owner resolves: Accepted → Active, the bot back, the chat visible to all")
  func resolve() throws {
    var chat = makeChat(.accepted(by: ada, since: t0))
    let events = try chat.resolve(by: .agent(ada), at: t1)
    #expect(chat.state == .active && chat.owner == nil && chat.version == 11)
    #expect(chat.isListed(for: .agent(grace)))
    #expect(
      events == [
        JourneyEvent(
          at: t1, actor: .agent("a1"), kind: .sectionChanged(from: .accepted, to: .active)),
        JourneyEvent(at: t1, actor: .agent("a1"), kind: .resolved(by: "a1", forced: false)),
      ])
  }

  @Test("an admin resolves another's chat only with force, recorded as forced")
  func forceResolve() throws {
    var chat = makeChat(.accepted(by: ada, since: t0))
    expectRefusal(.failedPrecondition, mentioning: "agent Ada holds this chat", "force") {
      _ = try chat.resolve(by: .admin(barbara), at: t1)
    }
    #expect(chat.section == .accepted)
    let events = try chat.resolve(by: .admin(barbara), force: true, at: t1)
    #expect(chat.section == .active)
    #expect(
      events.last
        == JourneyEvent(at: t1, actor: .agent("a3"), kind: .resolved(by: "a3", forced: true)))
  }

  @Test("an admin resolving their own chat is not a forced resolution")
  func adminOwnResolve() throws {
    var chat = makeChat(.accepted(by: barbara, since: t0))
    let events = try chat.resolve(by: .admin(barbara), force: true, at: t1)
    #expect(kinds(events).last == .resolved(by: "a3", forced: false))
  }

  @Test("another agent, an API key, or a chat nobody holds: resolving is refused")
  func resolveRefused() {
    var accepted = makeChat(.accepted(by: ada, since: t0))
    expectRefusal(.permissionDenied, mentioning: "agent Ada holds this chat", "only Ada") {
      _ = try accepted.resolve(by: .agent(grace), force: true, at: t1)
    }
    expectRefusal(.permissionDenied, mentioning: "API key k1") {
      _ = try accepted.resolve(by: connectorKey, at: t1)
    }
    #expect(accepted == makeChat(.accepted(by: ada, since: t0)))
    for state in [ChatState.active, .requested(since: t0, breachRecorded: false), .history] {
      var other = makeChat(state)
      expectRefusal(.failedPrecondition, mentioning: "only a chat an agent holds") {
        _ = try other.resolve(by: .agent(ada), at: t1)
      }
      #expect(other == makeChat(state))
    }
  }

  @Test("the owner or an admin transfers an accepted chat to another agent")
  func transfer() throws {
    var chat = makeChat(.accepted(by: ada, since: t0))
    let events = try chat.transfer(to: grace, by: .agent(ada), at: t1)
    #expect(chat.state == .accepted(by: grace, since: t1) && chat.version == 11)
    #expect(
      events == [
        JourneyEvent(at: t1, actor: .agent("a1"), kind: .transferred(from: "a1", to: "a2"))
      ])
    let byAdmin = try chat.transfer(to: barbara, by: .admin(barbara), at: t1 + .seconds(1))
    #expect(chat.owner == barbara)
    #expect(kinds(byAdmin) == [.transferred(from: "a2", to: "a3")])
    #expect(byAdmin.first?.actor == .agent("a3"))
  }

  @Test("a transfer by a non-owner, to the owner, or of a chat nobody holds is refused")
  func transferRefused() {
    var accepted = makeChat(.accepted(by: ada, since: t0))
    expectRefusal(.permissionDenied, mentioning: "agent Ada holds this chat") {
      _ = try accepted.transfer(to: grace, by: .agent(grace), at: t1)
    }
    expectRefusal(.failedPrecondition, mentioning: "agent Ada already holds this chat") {
      _ = try accepted.transfer(to: ada, by: .admin(barbara), at: t1)
    }
    expectRefusal(.permissionDenied, mentioning: "API key k2") {
      _ = try accepted.transfer(to: grace, by: tagsKey, at: t1)
    }
    #expect(accepted == makeChat(.accepted(by: ada, since: t0)))
    var active = makeChat(.active)
    expectRefusal(.failedPrecondition, mentioning: "in Active", "agent Grace can intervene") {
      _ = try active.transfer(to: grace, by: .admin(barbara), at: t1)
    }
  }

  @Test("the bot's state is reset when an agent takes the chat and when it comes back")
  func botStateReset() throws {
    let collecting = BotState(consecutiveUnmatched: 2, collecting: .init(intent: "news", step: 0))
    var chat = Chat(
      state: .requested(since: t0, breachRecorded: false), version: 3, lastInboundAt: t0,
      lastMessageAt: t0, botState: collecting)
    _ = try chat.intervene(by: .agent(ada), at: t1)
    #expect(chat.botState == BotState())
    var requested = Chat(
      state: .active, version: 3, lastInboundAt: t0, lastMessageAt: t0, botState: collecting)
    _ = try requested.requestIntervention(by: .contact, at: t1)
    #expect(requested.botState == collecting)
  }
}

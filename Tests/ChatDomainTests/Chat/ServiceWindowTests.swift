import ChatDomain
import Testing

@Suite("Who may speak: the 24-hour window and one speaker at a time")
struct ServiceWindowTests {
  @Test("free-form agent text is accepted until 24 h after the user's last message, not at 24 h")
  func windowBoundary() throws {
    var chat = makeChat(.accepted(by: ada, since: t0))
    #expect(chat.serviceWindowCloses() == t0 + .hours(24))
    #expect(try chat.send(.agent(.agent(ada)), at: t0 + .hours(24) - .milliseconds(1)).isEmpty)
    let before = chat
    expectRefusal(
      .failedPrecondition,
      mentioning: "24 h customer-service window closed at 2025-02-20T21:20:00.000Z",
      "the user last wrote at 2025-02-19T21:20:00.000Z", "only template messages"
    ) {
      _ = try chat.send(.agent(.agent(ada)), at: t0 + .hours(24))
    }
    #expect(chat == before)
  }

  @Test("after the window a template still goes out, and is a journey event")
  func templateAfterWindow() throws {
    var chat = makeChat(.accepted(by: ada, since: t0))
    let policy = ChatPolicy(historyAfter: .hours(48))
    let at = t0 + .hours(30)
    expectRefusal(.failedPrecondition, mentioning: "window closed") {
      _ = try chat.send(.agent(.agent(ada)), at: at, policy: policy)
    }
    let events = try chat.send(.template("order_update", by: .agent(ada)), at: at, policy: policy)
    #expect(
      events == [
        JourneyEvent(at: at, actor: .agent("a1"), kind: .templateSent(template: "order_update"))
      ])
    #expect(chat.lastMessageAt == at && chat.lastInboundAt == t0)
  }

  @Test("the user's new message reopens the window")
  func windowReopens() throws {
    var chat = makeChat(.accepted(by: ada, since: t0))
    _ = chat.receiveInbound(at: t0 + .hours(23))
    #expect(chat.serviceWindowCloses() == t0 + .hours(47))
    #expect(try chat.send(.agent(.agent(ada)), at: t0 + .hours(46)).isEmpty)
  }

  @Test("the window is configurable")
  func configurableWindow() {
    let chat = makeChat(.accepted(by: ada, since: t0))
    let policy = ChatPolicy(serviceWindow: .hours(1))
    expectRefusal(.failedPrecondition, mentioning: "1 h customer-service window") {
      try chat.checkServiceWindow(at: t0 + .hours(1), policy: policy)
    }
    #expect(throws: Never.self) {
      try chat.checkServiceWindow(at: t0 + .minutes(59), policy: policy)
    }
  }

  @Test("agents write free-form text only in a chat they hold")
  func agentMustHold() {
    var active = makeChat(.active)
    expectRefusal(.failedPrecondition, mentioning: "intervene first") {
      _ = try active.send(.agent(.agent(ada)), at: t0)
    }
    var accepted = makeChat(.accepted(by: ada, since: t0))
    expectRefusal(.permissionDenied, mentioning: "agent Ada holds this chat") {
      _ = try accepted.send(.agent(.admin(grace)), at: t0)
    }
    expectRefusal(.permissionDenied, mentioning: "agent Ada holds this chat") {
      _ = try accepted.send(.template("hello", by: .agent(grace)), at: t0)
    }
    expectRefusal(.permissionDenied, mentioning: "API key k1") {
      _ = try accepted.send(.agent(connectorKey), at: t0)
    }
    var history = makeChat(.history)
    expectRefusal(.failedPrecondition, mentioning: "History", "template") {
      _ = try history.send(.agent(.agent(ada)), at: t0)
    }
    expectRefusal(.invalidArgument, mentioning: "template name is empty") {
      _ = try history.send(.template("  ", by: .agent(ada)), at: t0)
    }
    #expect(history == makeChat(.history))
  }

  @Test("a template to a chat in History does not bring it back; only the user does")
  func templateInHistory() throws {
    var chat = makeChat(.history)
    _ = try chat.send(.template("we_miss_you", by: .agent(ada)), at: t0 + .hours(30))
    #expect(chat.section == .history)
  }

  @Test("a bot reply decided before an agent intervened is never sent after it")
  func oneSpeaker() throws {
    var chat = makeChat(.active)
    let decided = chat.version
    #expect(chat.canBotSpeak(decidedAt: decided))
    _ = chat.receiveInbound(at: t0 + .seconds(1))
    #expect(chat.canBotSpeak(decidedAt: decided))
    _ = try chat.requestIntervention(by: .contact, at: t0 + .seconds(2))
    #expect(chat.canBotSpeak(decidedAt: decided))
    _ = try chat.intervene(by: .agent(ada), at: t0 + .seconds(3))
    #expect(!chat.canBotSpeak(decidedAt: decided))
    expectRefusal(.failedPrecondition, mentioning: "dropped", "agent Ada holds it") {
      _ = try chat.send(.bot(decidedAt: decided), at: t0 + .seconds(4))
    }
    _ = try chat.resolve(by: .agent(ada), at: t0 + .seconds(5))
    #expect(!chat.canBotSpeak(decidedAt: decided), "decided before the intervention")
    expectRefusal(.failedPrecondition, mentioning: "an agent took it since") {
      _ = try chat.send(.bot(decidedAt: decided), at: t0 + .seconds(6))
    }
    #expect(chat.canBotSpeak(decidedAt: chat.version))
    #expect(try chat.send(.bot(decidedAt: chat.version), at: t0 + .seconds(7)).isEmpty)
  }

  @Test("the bot never speaks in History, nor at a version the chat has not reached")
  func botSilent() {
    let history = makeChat(.history)
    #expect(!history.canBotSpeak(decidedAt: history.version))
    let active = makeChat(.active)
    #expect(!active.canBotSpeak(decidedAt: active.version + 1))
  }

  @Test("campaign messages are always recorded and restart the countdown")
  func campaign() throws {
    var chat = makeChat(.accepted(by: ada, since: t0))
    #expect(try chat.send(.campaign, at: t0 + .hours(20)).isEmpty)
    #expect(chat.lastMessageAt == t0 + .hours(20) && chat.version == 11)
  }
}

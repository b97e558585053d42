import ChatDomain
import Testing

@Suite("Metrics per episode, for a workspace or an agent")
struct MetricsTests {
  /// A chat driven through the real rules, recording its journey events and messages.
  struct Recorder {
    var chat: Chat
    var contact: Contact
    var activity: [ChatActivity] = []

    init(at start: Timestamp) throws {
      let (contact, chat, events) = Contact.firstMessage(
        from: try WhatsAppUserID("5511912345678"), name: try DisplayName("Ana"), at: start)
      self.chat = chat
      self.contact = contact
      record(events)
      activity.append(.message(at: start, author: .contact))
    }

    mutating func record(_ events: [JourneyEvent]) { activity += events.map(ChatActivity.journey) }

    mutating func userWrites(_ text: String, at time: Timestamp) {
      record(chat.receiveInbound(at: time))
      activity.append(.message(at: time, author: .contact))
      let turn = chat.runBot(on: text, contact: &contact, configuration: .default, at: time)
      record(turn.events)
      for _ in turn.replies { activity.append(.message(at: time, author: .bot)) }
    }

    mutating func agentWrites(_ agent: Agent, at time: Timestamp) throws {
      record(try chat.send(.agent(.agent(agent)), at: time))
      activity.append(.message(at: time, author: .agent(agent.id)))
    }

    var episodes: [Episode] { Episode.episodes(from: activity) }
  }

  @Test("a chat resolved and reopened is measured per episode; bot time is not agent time")
  func episodes() throws {
    var recorder = try Recorder(at: t0)
    recorder.userWrites("hello", at: t0 + .seconds(1))
    recorder.userWrites("I want a human", at: t0 + .minutes(1))
    recorder.record(try recorder.chat.intervene(by: .agent(ada), at: t0 + .minutes(4)))
    try recorder.agentWrites(ada, at: t0 + .minutes(5))
    try recorder.agentWrites(ada, at: t0 + .minutes(6))
    recorder.record(try recorder.chat.resolve(by: .agent(ada), at: t0 + .minutes(20)))
    recorder.userWrites("thanks", at: t0 + .hours(2))
    recorder.record(recorder.chat.expire(at: t0 + .hours(26)))

    let episodes = recorder.episodes
    #expect(episodes.count == 2)
    let first = try #require(episodes.first)
    #expect(first.startedAt == t0 && first.endedAt == t0 + .minutes(20))
    #expect(first.outcome == .human && first.agent == "a1" && first.resolvedBy == "a1")
    #expect(first.timeToIntervene == .minutes(3))
    #expect(first.firstResponseTime == .minutes(1))
    #expect(first.timeToResolve == .minutes(16))
    let second = try #require(episodes.last)
    #expect(second.startedAt == t0 + .hours(2) && second.endedAt == t0 + .hours(26))
    #expect(second.outcome == .botOnly)
    #expect(second.timeToIntervene == nil && second.firstResponseTime == nil)
  }

  @Test("bot messages after the intervention are never the agent's first response")
  func botIsNotAgent() {
    let activity: [ChatActivity] = [
      .message(at: t0, author: .contact),
      .journey(
        JourneyEvent(at: t0 + .seconds(10), actor: .agent("a1"), kind: .intervened(agent: "a1"))),
      .message(at: t0 + .seconds(11), author: .bot),
      .message(at: t0 + .seconds(12), author: .system),
      .message(at: t0 + .seconds(70), author: .agent("a1")),
    ]
    let episode = Episode.episodes(from: activity)
    #expect(episode.map(\.firstResponseTime) == [.seconds(60)])
    #expect(
      episode.map(\.timeToIntervene) == [nil], "nobody requested: the agent came on their own")
    #expect(episode.map(\.outcome) == [.open])
  }

  @Test("a request nobody took before History is unanswered; its wait is measured to the end")
  func unanswered() throws {
    var recorder = try Recorder(at: t0)
    recorder.userWrites("agent", at: t0 + .minutes(1))
    recorder.record(recorder.chat.expire(at: t0 + .minutes(1) + .hours(24)))
    let episode = try #require(recorder.episodes.first)
    #expect(episode.outcome == .unanswered)
    #expect(episode.waitForAgent(now: t0 + .hours(100)) == .hours(24))
  }

  @Test("the time-to-intervene target marks episodes that waited as long or longer")
  func breaches() {
    func waited(_ wait: Duration?, ended: Bool = true) -> Episode {
      Episode(
        startedAt: t0, endedAt: ended ? t0 + .hours(1) : nil, requestedAt: t0,
        intervenedAt: wait.map { t0 + $0 }, agent: wait == nil ? nil : "a1")
    }
    let target = Duration.minutes(5)
    let now = t0 + .hours(2)
    #expect(!waited(.minutes(3)).breached(target: target, now: now))
    #expect(!waited(.minutes(5) - .milliseconds(1)).breached(target: target, now: now))
    #expect(waited(.minutes(5)).breached(target: target, now: now))
    #expect(waited(.minutes(6)).breached(target: target, now: now))
    #expect(waited(nil, ended: false).breached(target: target, now: t0 + .minutes(10)))
    #expect(!waited(nil, ended: false).breached(target: target, now: t0 + .minutes(4)))
    #expect(!Episode(startedAt: t0, endedAt: now).breached(target: target, now: now))
  }

  @Test("a summary counts episodes in the range, for the workspace or one agent")
  func summary() {
    let episodes = [
      Episode(
        startedAt: t0, endedAt: t0 + .minutes(30), requestedAt: t0 + .minutes(1),
        intervenedAt: t0 + .minutes(3), agent: "a1", firstAgentResponseAt: t0 + .minutes(4),
        resolvedAt: t0 + .minutes(30), resolvedBy: "a1"),
      Episode(
        startedAt: t0 + .hours(1), endedAt: t0 + .hours(2), requestedAt: t0 + .hours(1),
        intervenedAt: t0 + .hours(1) + .minutes(10), agent: "a2",
        firstAgentResponseAt: t0 + .hours(1) + .minutes(12), resolvedAt: t0 + .hours(2),
        resolvedBy: "a3", forced: true),
      Episode(startedAt: t0 + .hours(3), endedAt: t0 + .hours(27)),
      Episode(startedAt: t0 + .hours(4), endedAt: t0 + .hours(28)),
      Episode(startedAt: t0 + .hours(5)),
      Episode(startedAt: t0 + .hours(6), requestedAt: t0 + .hours(6)),
      Episode(startedAt: t0 - .hours(1), endedAt: t0),
    ]
    let range = t0..<(t0 + .hours(10))
    let now = t0 + .hours(6) + .minutes(2)
    let workspace = MetricsSummary(
      episodes: episodes, in: range, interventionTarget: .minutes(5), now: now)
    #expect(workspace.episodes == 6)
    #expect(workspace.outcomes == [.human: 2, .botOnly: 2, .open: 2, .unanswered: 0])
    #expect(workspace.botHandledShare == 0.5)
    #expect(workspace.timeToIntervene.count == 2)
    #expect(workspace.timeToIntervene.mean == .seconds(360))
    #expect(workspace.timeToIntervene.median == .seconds(360))
    #expect(workspace.timeToIntervene.max == .minutes(10))
    #expect(workspace.firstResponse.mean == .seconds(90))
    #expect(workspace.timeToResolve.max == .minutes(50))
    #expect(workspace.breaches == 1, "a2's 10 minutes; the open request has waited 2 minutes")

    let a1 = MetricsSummary(
      episodes: episodes, in: range, agent: "a1", interventionTarget: .minutes(5), now: now)
    #expect(a1.episodes == 1 && a1.breaches == 0)
    #expect(a1.timeToResolve.median == .minutes(27))
    #expect(a1.botHandledShare == 0)

    let empty = MetricsSummary(
      episodes: episodes, in: (t0 + .hours(50))..<(t0 + .hours(60)),
      interventionTarget: .minutes(5),
      now: now)
    #expect(
      empty.episodes == 0 && empty.botHandledShare == nil && empty.timeToIntervene.mean == nil)
  }

  @Test("durations summarise to count, mean, median and maximum")
  func durationSummary() {
    let summary = DurationSummary([.seconds(1), .seconds(4), .seconds(2), .seconds(10)])
    #expect(summary.count == 4)
    #expect(summary.mean == .milliseconds(4250))
    #expect(summary.median == .seconds(3))
    #expect(summary.max == .seconds(10))
    #expect(DurationSummary([.milliseconds(3), .milliseconds(4)]).median == .milliseconds(3))
  }

  @Test("counts per section include every section")
  func sectionCounts() {
    let chats = [
      makeChat(.active), makeChat(.active), makeChat(.accepted(by: ada, since: t0)),
      makeChat(.history),
    ]
    #expect(
      MetricsSummary.sectionCounts(of: chats) == [
        .active: 2, .requested: 0, .accepted: 1, .history: 1,
      ])
  }
}

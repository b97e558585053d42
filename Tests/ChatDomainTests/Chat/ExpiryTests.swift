import ChatDomain
import Testing

@Suite("History after 24 hours, and the time-to-intervene target")
struct ExpiryTests {
  @Test(
    "a chat moves to History exactly 24 h after the last message, not a millisecond before",
    arguments: [
      ChatState.active, .requested(since: t0, breachRecorded: false), .accepted(by: ada, since: t0),
    ])
  func exactly24Hours(state: ChatState) {
    var chat = makeChat(state)
    #expect(chat.historyDue() == t0 + .hours(24))
    #expect(chat.expire(at: t0 + .hours(24) - .milliseconds(1)).isEmpty)
    #expect(chat == makeChat(state))
    let events = chat.expire(at: t0 + .hours(24))
    #expect(chat.state == .history && chat.owner == nil && chat.version == 11)
    #expect(
      events == [
        JourneyEvent(
          at: t0 + .hours(24), actor: .system,
          kind: .sectionChanged(from: state.section, to: .history)),
        JourneyEvent(at: t0 + .hours(24), actor: .system, kind: .movedToHistory),
      ])
    #expect(chat.historyDue() == nil)
    #expect(chat.expire(at: t0 + .hours(100)).isEmpty)
  }

  @Test("a sweep that comes late still moves the chat")
  func lateSweep() {
    var chat = makeChat(.active)
    #expect(kinds(chat.expire(at: t0 + .hours(30))).last == .movedToHistory)
  }

  @Test("any message with the user, either way, restarts the countdown")
  func outboundRestarts() throws {
    var chat = makeChat(.accepted(by: ada, since: t0))
    _ = try chat.send(.agent(.agent(ada)), at: t0 + .hours(23))
    #expect(chat.historyDue() == t0 + .hours(47))
    #expect(chat.expire(at: t0 + .hours(24)).isEmpty)
    #expect(chat.expire(at: t0 + .hours(47)).count == 2)
  }

  @Test("the user writing again reopens the chat in Active, with a new countdown")
  func reopen() {
    var chat = makeChat(.accepted(by: ada, since: t0))
    _ = chat.expire(at: t0 + .hours(24))
    let back = t0 + .hours(50)
    #expect(
      chat.receiveInbound(at: back)
        == [
          JourneyEvent(
            at: back, actor: .contact, kind: .sectionChanged(from: .history, to: .active))
        ])
    #expect(chat.state == .active)
    #expect(chat.historyDue() == back + .hours(24))
    #expect(chat.expire(at: back + .hours(24)).count == 2)
  }

  @Test("a user writing to an overdue chat, expired first as documented, comes back to Active")
  func overdueInbound() {
    var chat = makeChat(.accepted(by: ada, since: t0))
    let later = t0 + .hours(30)
    let events = chat.expire(at: later) + chat.receiveInbound(at: later)
    #expect(
      kinds(events) == [
        .sectionChanged(from: .accepted, to: .history), .movedToHistory,
        .sectionChanged(from: .history, to: .active),
      ])
    #expect(chat.state == .active && chat.owner == nil && chat.version == 12)
  }

  @Test("the time to History is configurable")
  func configurable() {
    let policy = ChatPolicy(historyAfter: .hours(1))
    var chat = makeChat(.active)
    #expect(chat.expire(at: t0 + .minutes(59), policy: policy).isEmpty)
    #expect(chat.expire(at: t0 + .hours(1), policy: policy).count == 2)
  }

  @Test("a requested chat breaches the target when it elapses, recorded once")
  func breach() {
    var chat = makeChat(.requested(since: t0, breachRecorded: false))
    #expect(chat.interventionDue() == t0 + .minutes(5))
    #expect(chat.checkInterventionTarget(at: t0 + .minutes(5) - .milliseconds(1)).isEmpty)
    let at = t0 + .minutes(7)
    #expect(
      chat.checkInterventionTarget(at: at)
        == [
          JourneyEvent(
            at: at, actor: .system,
            kind: .interventionTargetBreached(waited: .minutes(7), target: .minutes(5)))
        ])
    #expect(chat.state == .requested(since: t0, breachRecorded: true) && chat.version == 11)
    #expect(chat.interventionDue() == nil)
    #expect(chat.checkInterventionTarget(at: at + .minutes(10)).isEmpty)
  }

  @Test("the target is configurable, and only chats waiting in Requested breach it")
  func breachOnlyWhenWaiting() {
    let policy = ChatPolicy(interventionTarget: .seconds(30))
    var requested = makeChat(.requested(since: t0, breachRecorded: false))
    #expect(requested.checkInterventionTarget(at: t0 + .seconds(30), policy: policy).count == 1)
    for state in [ChatState.active, .accepted(by: ada, since: t0), .history] {
      var other = makeChat(state)
      #expect(other.checkInterventionTarget(at: t0 + .hours(1), policy: policy).isEmpty)
      #expect(other.interventionDue(policy: policy) == nil)
    }
  }

  @Test("a new request after a resolution is timed afresh")
  func newRequestNewTarget() throws {
    var chat = makeChat(.requested(since: t0, breachRecorded: false))
    _ = chat.checkInterventionTarget(at: t0 + .minutes(6))
    _ = try chat.intervene(by: .agent(ada), at: t0 + .minutes(8))
    _ = try chat.resolve(by: .agent(ada), at: t0 + .minutes(20))
    _ = try chat.requestIntervention(by: .contact, at: t0 + .minutes(30))
    #expect(chat.interventionDue() == t0 + .minutes(35))
  }
}

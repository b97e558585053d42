import ChatDomain
import Testing

@Suite("The bot in a chat: runs in Active and Requested only, and its actions are recorded")
struct ChatBotTurnTests {
  static func ana() throws -> Contact {
    Contact(whatsAppID: try WhatsAppUserID("5511912345678"), name: try DisplayName("Ana"))
  }

  @Test("a handoff phrase in Active moves the chat to Requested on the user's behalf")
  func handoff() throws {
    var chat = makeChat(.active)
    var contact = try Self.ana()
    let turn = chat.runBot(on: "atendente", contact: &contact, configuration: .default, at: t0)
    #expect(turn.replies == [BotConfiguration.default.handoffReply])
    #expect(chat.state == .requested(since: t0, breachRecorded: false))
    #expect(
      turn.events == [
        JourneyEvent(at: t0, actor: .contact, kind: .sectionChanged(from: .active, to: .requested)),
        JourneyEvent(at: t0, actor: .contact, kind: .interventionRequested(by: .user)),
      ])
    #expect(turn.decidedAt == chat.version && chat.canBotSpeak(decidedAt: turn.decidedAt))
  }

  @Test("the bot giving up requests an agent as the bot; in Requested it keeps answering")
  func giveUp() throws {
    var chat = makeChat(.active)
    var contact = try Self.ana()
    for _ in 1...2 {
      _ = chat.runBot(on: "hmm", contact: &contact, configuration: .default, at: t0)
    }
    #expect(chat.botState.consecutiveUnmatched == 2)
    let turn = chat.runBot(on: "hmm", contact: &contact, configuration: .default, at: t0)
    #expect(
      kinds(turn.events) == [
        .sectionChanged(from: .active, to: .requested), .interventionRequested(by: .bot),
      ])
    #expect(turn.events.allSatisfy { $0.actor == .bot })
    let again = chat.runBot(on: "hello?", contact: &contact, configuration: .default, at: t0)
    #expect(again.matchedIntent == "greeting" && again.events.isEmpty)
    #expect(chat.section == .requested)
  }

  @Test("the email the bot collects is stored in the contact and recorded as the bot's change")
  func collects() throws {
    var chat = makeChat(.active)
    var contact = try Self.ana()
    _ = chat.runBot(on: "newsletter", contact: &contact, configuration: .default, at: t0)
    let turn = chat.runBot(
      on: "ana@example.com", contact: &contact, configuration: .default, at: t0)
    #expect(contact.email?.rawValue == "ana@example.com")
    #expect(
      turn.events == [
        JourneyEvent(
          at: t0, actor: .bot,
          kind: .profileChanged([ProfileChange(field: .email, old: nil, new: "ana@example.com")]))
      ])
  }

  @Test(
    "in Accepted and History the bot says nothing and changes nothing",
    arguments: [ChatState.accepted(by: ada, since: t0), .history])
  func silent(state: ChatState) throws {
    var chat = makeChat(state)
    var contact = try Self.ana()
    let before = (chat, contact)
    let turn = chat.runBot(on: "agent", contact: &contact, configuration: .default, at: t0)
    #expect(turn.replies.isEmpty && turn.events.isEmpty)
    #expect(chat == before.0 && contact == before.1)
  }

  @Test("a reply decided before the agent intervened is dropped; the next turn's is not")
  func gate() throws {
    var chat = makeChat(.active)
    var contact = try Self.ana()
    let turn = chat.runBot(on: "hi", contact: &contact, configuration: .default, at: t0)
    _ = try chat.intervene(by: .agent(ada), at: t0 + .seconds(1))
    #expect(!chat.canBotSpeak(decidedAt: turn.decidedAt))
    _ = try chat.resolve(by: .agent(ada), at: t0 + .seconds(9))
    _ = chat.receiveInbound(at: t0 + .seconds(10))
    let next = chat.runBot(
      on: "hi", contact: &contact, configuration: .default, at: t0 + .seconds(10))
    #expect(chat.canBotSpeak(decidedAt: next.decidedAt))
    #expect(!chat.canBotSpeak(decidedAt: turn.decidedAt))
  }
}

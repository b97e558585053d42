import SwitchboardChatClient
import Testing

/// One speaker at a time, as the delivery connector sees it: a bot reply still waiting in the
/// outbox when an agent intervenes is never handed out, even after the agent resolves; the
/// chat shows it as withdrawn, with why.
@Suite(.timeLimit(.minutes(1)))
struct OneSpeakerTests {
  @Test func botRepliesStillInTheOutboxWhenAnAgentIntervenesAreNeverSent() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      // The connector is away: the bot's reply waits in the outbox while Ada takes the chat.
      let first = try await people.inbound("I want to talk to an agent", id: "wamid.1")
      let chat = try #require(first.chat)
      let stale = try #require(first.botReplies.first)
      let other = try await people.inbound("hello", from: "5511900000002", id: "wamid.other")
      _ = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))
      let ada = try await people.ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "Hi Maria, Ada here"))
      _ = try await people.ada.chats.resolve(ResolveRequest(chatID: chat.id))

      // Back, the connector gets the other chat's reply and Ada's message, not the stale reply.
      let items = try await people.connector.delivery.watchOutbox(WatchOutboxRequest(), options: watchOptions) { stream in
        try await stream.collect { $0.message?.id == ada.id }
      }
      #expect(items.map { $0.message?.id } == other.botReplies.map(\.id) + [ada.id])

      // The chat shows the reply as not sent, and says why.
      let messages = try await people.ada.chats.listMessages(ListMessagesRequest(chatID: chat.id)).messages
      let dropped = try #require(messages.first { $0.id == stale.id })
      #expect(dropped.status == .withdrawn)
      #expect(dropped.failureCode == "superseded")
      #expect(dropped.failureText.contains("agent"), "\(dropped.failureText)")
      // A connector that had taken it before says it went out after all: the chat shows that.
      let late = try await people.connector.delivery.reportStatus(ReportStatusRequest(messageID: stale.id, status: .sent))
      #expect(late.status == .sent)
      #expect(late.failureCode.isEmpty && late.failureText.isEmpty)

      // Bot replies after the resolve go out as usual.
      let later = try await people.inbound("what are your opening hours?", id: "wamid.2")
      let next = try await people.connector.delivery.watchOutbox(WatchOutboxRequest(afterSequence: items.last!.sequence), options: watchOptions) {
        stream in
        var items = stream.makeAsyncIterator()
        return try await items.expectNext(later.botReplies.count)
      }
      #expect(next.map { $0.message?.id } == later.botReplies.map(\.id))
    }
  }

  @Test func botRepliesStillInTheOutboxWhenTheChatMovesToHistoryAreNeverSent() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      // The connector is away for a day: the chat moves to History with the reply waiting.
      let first = try await people.inbound("hello", id: "wamid.1")
      let chat = try #require(first.chat)
      let stale = try #require(first.botReplies.first)
      desk.clock.advance(by: .seconds(24 * 3600))
      #expect(try await desk.desk.sweep() == 1)

      // The user writes again: only the new reply goes out.
      let again = try await people.inbound("hello again", id: "wamid.2")
      let items = try await people.connector.delivery.watchOutbox(WatchOutboxRequest(), options: watchOptions) { stream in
        var items = stream.makeAsyncIterator()
        return try await items.expectNext(again.botReplies.count)
      }
      #expect(items.map { $0.message?.id } == again.botReplies.map(\.id))
      let messages = try await people.ada.chats.listMessages(ListMessagesRequest(chatID: chat.id)).messages
      let dropped = try #require(messages.first { $0.id == stale.id })
      #expect(dropped.status == .withdrawn && dropped.failureCode == "expired", "\(dropped)")
      #expect(dropped.failureText.contains("History"), "\(dropped)")
    }
  }
}

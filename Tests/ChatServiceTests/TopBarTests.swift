import SwitchboardChatClient
import Testing

/// The top bar of an agent's inbox: every requested chat, longest waiting first, and the
/// agent's own accepted chats, never another agent's.
@Suite(.timeLimit(.minutes(1)))
struct TopBarTests {
  @Test func itListsRequestedChatsOldestFirstAndOnlyTheCallersAcceptedChats() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      _ = try await people.inbound("hello", from: "5511900000001", id: "wamid.warm-up", name: "Warm Up")
      let maria = try #require(try await people.inbound("I want to talk to an agent", id: "wamid.1", name: "Maria").chat)
      desk.clock.advance(by: .seconds(30))
      let dora = try #require(
        try await people.inbound("talk to a human please", from: "5511900000002", id: "wamid.2", name: "").chat)
      desk.clock.advance(by: .seconds(30))
      _ = try await people.bob.chats.intervene(InterveneRequest(chatID: maria.id))

      /// The top bar `api` sees with its next inbox event.
      func topBar(_ api: SwitchboardAPI) async throws -> TopBar {
        try await api.watches.watchInbox(WatchInboxRequest(afterSequence: 1), options: watchOptions) { stream in
          var events = stream.makeAsyncIterator()
          return try #require(try await events.expectNext().topBar)
        }
      }
      let bob = try await topBar(people.bob)
      #expect(bob.requestedCount == 1 && bob.acceptedCount == 1)
      #expect(bob.requested.map(\.chatID) == [dora.id])
      // A contact without a name shows as their WhatsApp id.
      #expect(bob.requested.first?.contactName == "5511900000002")
      #expect(bob.accepted.map(\.chatID) == [maria.id])
      #expect(bob.accepted.first?.contactName == "Maria")
      #expect(bob.accepted.first?.sinceMs == desk.clock.nowMilliseconds())

      let ada = try await topBar(people.ada)
      #expect(ada.requested.map(\.chatID) == [dora.id])
      #expect(ada.accepted.isEmpty && ada.acceptedCount == 0)

      // A chat requested earlier waits longer: it comes first, however recent its messages.
      _ = try await people.bob.chats.resolve(ResolveRequest(chatID: maria.id))
      desk.clock.advance(by: .seconds(30))
      _ = try await people.inbound("agent", id: "wamid.3")
      _ = try await people.inbound("still there?", from: "5511900000002", id: "wamid.4")
      let later = try await topBar(people.ada)
      #expect(later.requested.map(\.chatID) == [dora.id, maria.id])
      #expect(later.requested.first?.sinceMs ?? 0 < later.requested.last?.sinceMs ?? 0)
    }
  }
}

import SwitchboardChatClient
import Testing

/// The time-to-intervene target: a requested chat that waits longer is marked breached once,
/// with a journey event, an inbox event, and a count in the metrics.
@Suite(.timeLimit(.minutes(1)))
struct InterventionTargetTests {
  @Test func aRequestedChatWaitingPastTheTargetIsMarkedOnce() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      _ = try await desk.admin.admin.updateWorkspaceSettings(
        UpdateWorkspaceSettingsRequest(settings: WorkspaceSettings(interveneTargetMs: 120_000)))
      let chat = try #require(try await people.inbound("I need an agent", id: "wamid.1").chat)
      #expect(chat.section == .requested)

      desk.clock.advance(by: .seconds(119))
      #expect(try await desk.desk.sweep() == 0)
      desk.clock.advance(by: .seconds(1))
      #expect(try await desk.desk.sweep() == 1)
      #expect(try await desk.desk.sweep() == 0, "a breach is recorded once")

      let marked = try await people.ada.chats.getChat(GetChatRequest(chatID: chat.id))
      #expect(marked.interveneTargetBreached)
      let journey = try await people.ada.journey.listJourney(ListJourneyRequest(contactID: chat.contactID))
      #expect(journey.events.filter { $0.kind == .interveneTargetBreached }.count == 1)
      let inbox = try await people.ada.watches.watchInbox(WatchInboxRequest(afterSequence: 0), options: watchOptions) { stream in
        var kinds: [InboxEvent.Kind] = []
        for try await event in stream {
          kinds.append(event.kind)
          if event.kind == .interveneTargetBreached { break }
        }
        return kinds
      }
      #expect(inbox.last == .interveneTargetBreached)
      let metrics = try await desk.admin.metrics.getMetrics(GetMetricsRequest())
      #expect(metrics.breachedCount == 1)

      // Intervening clears the mark.
      let accepted = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))
      #expect(!accepted.interveneTargetBreached)
    }
  }
}

import SwitchboardChatClient
import Testing

/// WhatsApp's 24-hour customer-service window on the manual clock: free-form agent text only
/// within 24 hours of the user's last message, templates at any time, and the user's next
/// message opens the window again.
@Suite(.timeLimit(.minutes(1)))
struct ServiceWindowTests {
  @Test func agentTextNeedsTheWindowTemplatesDoNotAndTheUserReopensIt() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      // History after 72 hours, so that the chat stays accepted after the window closes.
      let workspace = try await desk.admin.admin.updateWorkspaceSettings(
        UpdateWorkspaceSettingsRequest(settings: WorkspaceSettings(historyAfterMs: 72 * 3_600_000)))
      let settings = try #require(workspace.settings)
      #expect(settings.historyAfterMs == 259_200_000)
      #expect(settings.serviceWindowMs == 86_400_000)

      let first = try await people.inbound("I want to talk to an agent", id: "wamid.1")
      let chat = try #require(first.chat)
      _ = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))

      // Within 24 hours of the user's message, up to its last second.
      desk.clock.advance(by: .seconds(3600))
      _ = try await people.ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "Hi Maria, Ada here"))
      desk.clock.advance(by: .seconds(23 * 3600 - 1))
      _ = try await people.ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "Still there?"))

      // 24 hours after the user's message the window is closed, though Ada wrote since.
      desk.clock.advance(by: .seconds(1))
      #expect(try await desk.desk.sweep() == 0)
      let before = try await people.ada.chats.listMessages(ListMessagesRequest(chatID: chat.id)).messages
      let refusal = await expectRPCError(.failedPrecondition) {
        try await people.ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "Hello?"))
      }
      #expect(refusal.contains("24 h customer-service window closed"), "\(refusal)")
      #expect(refusal.contains("template"), "\(refusal)")
      let after = try await people.ada.chats.listMessages(ListMessagesRequest(chatID: chat.id)).messages
      #expect(after == before)
      #expect(try await people.ada.chats.getChat(GetChatRequest(chatID: chat.id)).section == .accepted)

      // A template still reaches the user.
      let template = try await people.ada.chats.sendTemplate(
        SendTemplateRequest(chatID: chat.id, templateName: "follow_up", templateText: "Hi {{name}}, can we help?"))
      #expect(template.text == "Hi Maria, can we help?")
      #expect(template.templateName == "follow_up")
      #expect(template.status == .pending)
      desk.clock.advance(by: .seconds(3600))
      await expectRPCError(.failedPrecondition) {
        try await people.ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "Hello?"))
      }

      // The user writes: the window opens again, for another 24 hours.
      let reply = try await people.inbound("yes, still here", id: "wamid.2")
      #expect(reply.chat?.section == .accepted)
      let sent = try await people.ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "Great!"))
      #expect(sent.status == .pending)
      desk.clock.advance(by: .seconds(24 * 3600))
      await expectRPCError(.failedPrecondition) {
        try await people.ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "Hello again?"))
      }
      let journey = try await people.ada.journey.listJourney(ListJourneyRequest(contactID: chat.contactID))
      #expect(journey.events.contains { $0.kind == .templateSent && $0.templateName == "follow_up" })
    }
  }
}

import SwitchboardChatClient
import Testing

/// The History timer across workspaces with different periods: each chat moves when its own
/// workspace's period has passed, however many chats of a slower workspace are older.
@Suite(.timeLimit(.minutes(1)))
struct HistoryTimerTests {
  @Test func aLongerHistoryPeriodInOneWorkspaceDoesNotHoldBackAnother() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      // The first workspace keeps chats out of History for 72 hours and has more quiet chats
      // than one sweep takes (500).
      _ = try await desk.admin.admin.updateWorkspaceSettings(
        UpdateWorkspaceSettingsRequest(settings: WorkspaceSettings(historyAfterMs: 72 * 3_600_000)))
      try await withThrowingTaskGroup(of: Void.self) { group in
        for batch in 0..<10 {
          group.addTask {
            for index in 0..<51 {
              let number = batch * 51 + index
              _ = try await people.inbound("hello", from: "55118\(100_000 + number)", id: "wamid.slow.\(number)")
            }
          }
        }
        try await group.waitForAll()
      }

      // Acme keeps the 24-hour default; its chat starts a second after the others.
      let acme = try await desk.api(desk.operatorKey).admin.createWorkspace(CreateWorkspaceRequest(name: "Acme"))
      let acmeAdmin = desk.api(acme.adminKeySecret)
      let key = try await acmeAdmin.admin.createApiKey(CreateApiKeyRequest(label: "whatsapp", scopes: [.ingest]))
      desk.clock.advance(by: .seconds(1))
      let acmeChat = try #require(
        try await desk.api(key.secret).chats.receiveInbound(
          ReceiveInboundRequest(waMessageID: "wamid.acme", waUserID: "5511977776666", text: "hello")
        ).chat)
      let grace = try await desk.signIn("Grace", role: .admin, by: acmeAdmin)

      // 24 hours after Acme's chat: it moves, and only it.
      desk.clock.advance(by: .seconds(24 * 3600))
      #expect(try await desk.desk.sweep() == 1)
      #expect(try await grace.api.chats.getChat(GetChatRequest(chatID: acmeChat.id)).section == .history)
      let stillActive = try await people.boss.chats.listChats(ListChatsRequest(section: .active, page: PageRequest(pageSize: 500)))
      #expect(stillActive.chats.count == 500 && !stillActive.nextPageToken.isEmpty)

      // 72 hours after the first workspace's chats, they move too, 500 a sweep.
      desk.clock.advance(by: .seconds(48 * 3600))
      #expect(try await desk.desk.sweep() == 500)
      #expect(try await desk.desk.sweep() == 10)
      #expect(try await desk.desk.sweep() == 0)
    }
  }
}

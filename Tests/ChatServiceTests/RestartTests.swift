import Foundation
import SwitchboardChatClient
import Testing

/// Stopping the desk and starting it again on the same SQLite file loses nothing: what callers
/// wrote reads back the same through the API, credentials still work, inbound retries are still
/// recognised, the watch log and the outbox go on from where they were, and the timers use what
/// was stored.
@Suite(.timeLimit(.minutes(1)))
struct RestartTests {
  /// Everything the first run leaves, as the API showed it then.
  struct Seen: Sendable {
    let keys: DeskKeys
    let adaToken: String
    let connectorKey: String
    let workspace: Workspace
    let bot: BotConfiguration
    let tags: [SwitchboardChatClient.Tag]
    let chats: [Chat]
    let messages: [String: [ChatMessage]]
    let contacts: [Contact]
    let journeys: [String: [JourneyEvent]]
    let lastSequence: Int64
    let outbox: [OutboxItem]
  }

  @Test func aRestartOnTheSameFileLosesNothing() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-restart-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }

    let seen = try await DeskHarness.with(databaseDirectory: directory) { desk in
      let admin = desk.admin
      let ada = try await desk.signIn("Ada")
      let boss = try await desk.signIn("Boss", role: .admin)
      let key = try await admin.admin.createApiKey(CreateApiKeyRequest(label: "whatsapp", scopes: [.ingest, .delivery]))
      let connector = desk.api(key.secret)
      func inbound(_ text: String, from user: String, id: String) async throws -> ReceiveInboundResponse {
        try await connector.chats.receiveInbound(
          ReceiveInboundRequest(waMessageID: id, waUserID: user, phone: "+\(user)", profileName: "Maria", text: text))
      }

      let workspace = try await admin.admin.updateWorkspaceSettings(
        UpdateWorkspaceSettingsRequest(settings: WorkspaceSettings(historyAfterMs: 48 * 3_600_000)))
      var bot = try await admin.bot.getBotConfiguration(GetBotConfigurationRequest())
      bot.handoffPhrases.append("falar com gente")
      bot = try await admin.bot.replaceBotConfiguration(ReplaceBotConfigurationRequest(configuration: bot))
      _ = try await admin.tags.createTag(CreateTagRequest(name: "newsletter"))

      // One chat with Ada, one the bot handles; a status reported; tags, attributes, profile.
      let first = try #require(try await inbound("I want to talk to an agent", from: "5511999990000", id: "wamid.1").chat)
      _ = try await ada.api.chats.intervene(InterveneRequest(chatID: first.id))
      _ = try await ada.api.chats.sendMessage(SendMessageRequest(chatID: first.id, text: "Hi Maria, Ada here"))
      _ = try await inbound("my order is late", from: "5511999990000", id: "wamid.2")
      _ = try await ada.api.tags.addContactTag(AddContactTagRequest(contactID: first.contactID, tagName: "vip", createIfMissing: true))
      _ = try await ada.api.contacts.setAttribute(SetAttributeRequest(contactID: first.contactID, key: "country", value: "BR"))
      _ = try await ada.api.contacts.updateContact(UpdateContactRequest(contactID: first.contactID, email: "maria@example.com"))
      _ = try await ada.api.chats.sendMessage(SendMessageRequest(chatID: first.id, text: "Noted"))
      let second = try await inbound("hello", from: "5511999991111", id: "wamid.3")
      let secondChat = try #require(second.chat)
      _ = try await connector.delivery.reportStatus(
        ReportStatusRequest(messageID: second.botReplies[0].id, status: .delivered, waMessageID: "wamid.out.1"))

      let chats = try await boss.api.chats.listChats(ListChatsRequest()).chats
      #expect(Set(chats.map(\.id)) == [first.id, secondChat.id])
      var messages: [String: [ChatMessage]] = [:]
      var journeys: [String: [JourneyEvent]] = [:]
      for chat in chats {
        messages[chat.id] = try await boss.api.chats.listMessages(ListMessagesRequest(chatID: chat.id)).messages
        journeys[chat.contactID] = try await boss.api.journey.listJourney(ListJourneyRequest(contactID: chat.contactID)).events
      }
      let pending = messages.values.joined().filter { $0.status == .pending }.count
      let outbox = try await connector.delivery.watchOutbox(WatchOutboxRequest(), options: watchOptions) { stream in
        var items = stream.makeAsyncIterator()
        return try await items.expectNext(pending)
      }
      let lastSequence = try await ada.api.watches.watchChat(WatchChatRequest(chatID: first.id, afterSequence: 1), options: watchOptions) {
        stream in try #require(try await stream.collect { $0.message?.text == "Noted" }.last).sequence
      }
      return Seen(
        keys: desk.keys, adaToken: ada.token, connectorKey: key.secret, workspace: workspace, bot: bot,
        tags: try await admin.tags.listTags(ListTagsRequest()).tags, chats: chats, messages: messages,
        contacts: try await boss.api.contacts.listContacts(ListContactsRequest()).contacts, journeys: journeys,
        lastSequence: lastSequence, outbox: outbox)
    }

    try await DeskHarness.with(databaseDirectory: directory, keys: seen.keys) { desk in
      // The same credentials open the same data.
      let admin = desk.admin
      let ada = desk.api(seen.adaToken)
      let connector = desk.api(seen.connectorKey)
      #expect(try await admin.admin.getWorkspace(GetWorkspaceRequest()) == seen.workspace)
      #expect(try await admin.bot.getBotConfiguration(GetBotConfigurationRequest()) == seen.bot)
      #expect(try await admin.tags.listTags(ListTagsRequest()).tags == seen.tags)
      let boss = try await desk.signIn("Boss Two", role: .admin)
      #expect(try await boss.api.chats.listChats(ListChatsRequest()).chats == seen.chats)
      #expect(try await boss.api.contacts.listContacts(ListContactsRequest()).contacts == seen.contacts)
      for chat in seen.chats {
        #expect(try await boss.api.chats.listMessages(ListMessagesRequest(chatID: chat.id)).messages == seen.messages[chat.id])
        #expect(try await boss.api.journey.listJourney(ListJourneyRequest(contactID: chat.contactID)).events == seen.journeys[chat.contactID])
      }
      let first = try #require(seen.chats.first { $0.section == .accepted })
      #expect(try await ada.chats.getChat(GetChatRequest(chatID: first.id)) == first)

      // The outbox still holds what was pending, and a retry of an old message is recognised.
      let outbox = try await connector.delivery.watchOutbox(WatchOutboxRequest(), options: watchOptions) { stream in
        var items = stream.makeAsyncIterator()
        return try await items.expectNext(seen.outbox.count)
      }
      #expect(outbox == seen.outbox)
      let retry = try await connector.chats.receiveInbound(
        ReceiveInboundRequest(waMessageID: "wamid.2", waUserID: "5511999990000", text: "my order is late"))
      #expect(!retry.created)

      // The watch log goes on after the last sequence seen before the stop.
      let next = try await ada.watches.watchChat(
        WatchChatRequest(chatID: first.id, afterSequence: seen.lastSequence), options: watchOptions
      ) { stream in
        var events = stream.makeAsyncIterator()
        _ = try await ada.chats.sendMessage(SendMessageRequest(chatID: first.id, text: "Back again"))
        return try await events.expectNext()
      }
      #expect(next.sequence > seen.lastSequence && next.message?.text == "Back again")

      // The stored periods drive the timers: 48 hours after the last message, both chats go.
      desk.clock.advance(by: .seconds(47 * 3600))
      #expect(try await desk.desk.sweep() == 0)
      desk.clock.advance(by: .seconds(3600))
      #expect(try await desk.desk.sweep() == 2)
    }
  }
}

import SwitchboardChatClient
import Testing

/// The flow of MISSION.md end to end, through the generated client over TCP: the user writes,
/// the bot answers, the user asks for a human, an agent intervenes and talks, tags and edits
/// the profile, resolves; 24 hours later the chat is in History, and a new message brings it
/// back.
@Suite(.timeLimit(.minutes(1)))
struct ConversationFlowTests {
  @Test func aConversationFromFirstMessageToHistoryAndBack() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)

      // The user writes: contact, chat in Active, first-message tag, and the bot answers.
      let first = try await people.inbound("hello", id: "wamid.1")
      #expect(first.created && first.newContact)
      let chat = try #require(first.chat)
      #expect(chat.section == .active)
      #expect(chat.contactName == "Maria")
      #expect(chat.tags == ["first-message"])
      #expect(!first.botReplies.isEmpty)

      // WhatsApp retries the webhook: nothing new.
      let retry = try await people.inbound("hello", id: "wamid.1")
      #expect(!retry.created)
      #expect(retry.message?.id == first.message?.id)
      #expect(retry.botReplies.map(\.id) == first.botReplies.map(\.id))

      // The user asks for a human: Requested, visible to every agent.
      let handoff = try await people.inbound("I want to talk to an agent", id: "wamid.2")
      #expect(handoff.chat?.section == .requested)
      let requested = try await people.bob.chats.listChats(ListChatsRequest(section: .requested))
      #expect(requested.chats.map(\.id) == [chat.id])

      // Ada intervenes: Accepted, hers only.
      let accepted = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))
      #expect(accepted.section == .accepted)
      #expect(accepted.ownerAgentID == people.adaID)
      #expect(accepted.ownerAgentName == "Ada")
      let denied = await expectRPCError(.permissionDenied) {
        try await people.bob.chats.getChat(GetChatRequest(chatID: chat.id))
      }
      #expect(denied.contains("Ada"))
      #expect(try await people.bob.chats.listChats(ListChatsRequest()).chats.isEmpty)

      // The bot is off: a user message gets no bot reply; Ada answers.
      let userWrites = try await people.inbound("my order is late", id: "wamid.3")
      #expect(userWrites.botReplies.isEmpty)
      let sent = try await people.ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "Let me check, Maria"))
      #expect(sent.status == .pending)
      #expect(sent.sender?.name == "Ada")
      await expectRPCError(.permissionDenied) {
        try await people.bob.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "hi"))
      }

      // Tags and attributes from the profile, recorded in the journey.
      let contactID = chat.contactID
      _ = try await people.ada.tags.addContactTag(AddContactTagRequest(contactID: contactID, tagName: "vip", createIfMissing: true))
      _ = try await people.ada.contacts.setAttribute(SetAttributeRequest(contactID: contactID, key: "country", value: "BR"))
      let profile = try await people.ada.contacts.updateContact(UpdateContactRequest(contactID: contactID, email: "maria@example.com"))
      #expect(profile.tags.map(\.name) == ["first-message", "vip"])
      #expect(profile.tags.last?.kind == .manual)
      #expect(profile.attributes["country"] == "BR")
      #expect(profile.email == "maria@example.com")

      // Ada resolves: back to the bot, visible to all.
      let resolved = try await people.ada.chats.resolve(ResolveRequest(chatID: chat.id))
      #expect(resolved.section == .active)
      #expect(try await people.bob.chats.getChat(GetChatRequest(chatID: chat.id)).section == .active)

      // 24 hours after the last message: History.
      desk.clock.advance(by: .seconds(24 * 3600 + 1))
      #expect(try await desk.desk.sweep() == 1)
      #expect(try await people.bob.chats.getChat(GetChatRequest(chatID: chat.id)).section == .history)

      // A new message brings it back to Active.
      let back = try await people.inbound("hi again", id: "wamid.4")
      #expect(back.chat?.section == .active)
      #expect(back.chat?.id == chat.id)

      // The journey tells the story, newest first.
      let journey = try await people.ada.journey.listJourney(ListJourneyRequest(contactID: contactID))
      let kinds = journey.events.reversed().map(\.kind)
      for expected: JourneyEvent.Kind in [
        .chatStarted, .tagAdded, .interventionRequested, .intervened, .attributeSet, .profileChanged, .resolved,
        .movedToHistory,
      ] {
        #expect(kinds.contains(expected), "journey lacks \(expected): \(kinds)")
      }
      let intervened = try #require(journey.events.first { $0.kind == .intervened })
      #expect(intervened.actor?.name == "Ada")
      #expect(intervened.summary == "Ada intervened")
    }
  }

  @Test func theOutboxCarriesBotAndAgentMessagesAndStatusesOnlyMoveForward() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let first = try await people.inbound("hello", id: "wamid.1")
      let items = try await people.connector.delivery.watchOutbox(WatchOutboxRequest()) { stream in
        var items: [OutboxItem] = []
        for try await item in stream {
          items.append(item)
          if items.count == first.botReplies.count { break }
        }
        return items
      }
      #expect(items.map { $0.message?.id } == first.botReplies.map(\.id))
      #expect(items.first?.waUserID == "5511999990000")
      let messageID = try #require(items.first?.message?.id)
      let read = try await people.connector.delivery.reportStatus(ReportStatusRequest(messageID: messageID, status: .read, waMessageID: "wamid.out.1"))
      #expect(read.status == .read)
      let late = try await people.connector.delivery.reportStatus(ReportStatusRequest(messageID: messageID, status: .delivered))
      #expect(late.status == .read)
      await expectRPCError(.permissionDenied) {
        try await people.ada.delivery.reportStatus(ReportStatusRequest(messageID: messageID, status: .sent))
      }
    }
  }

  @Test func aUserWritingAfterTheQuietPeriodReachesTheBotEvenBeforeTheSweepRan() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let chat = try #require(try await people.inbound("agent please", id: "wamid.1").chat)
      _ = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))
      desk.clock.advance(by: .seconds(25 * 3600))
      // No sweep: the message itself finds the chat overdue, closes it, and reopens it.
      let back = try await people.inbound("hello again", id: "wamid.2")
      #expect(back.chat?.section == .active)
      #expect(back.chat?.ownerAgentID == "")
      #expect(!back.botReplies.isEmpty)
      let journey = try await people.bob.journey.listJourney(ListJourneyRequest(contactID: chat.contactID))
      #expect(journey.events.contains { $0.kind == .movedToHistory })
    }
  }
}

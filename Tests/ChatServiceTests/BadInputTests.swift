import SwitchboardChatClient
import Testing

/// Bad input through the generated client: each call is refused with invalidArgument or
/// notFound and a message that says what to fix, and changes nothing.
@Suite(.timeLimit(.minutes(1)))
struct BadInputTests {
  /// A call that must be refused: its status and words its message must hold.
  struct BadCall: Sendable {
    let label: String
    let code: RPCError.Code
    let mentions: [String]
    let call: @Sendable () async throws -> Void

    init(_ label: String, _ code: RPCError.Code, mentions: [String], _ call: @escaping @Sendable () async throws -> Void) {
      self.label = label
      self.code = code
      self.mentions = mentions
      self.call = call
    }
  }

  /// Everything a refused call might have changed, read through the API.
  struct DeskState: Equatable {
    let chats: [Chat]
    let messages: [ChatMessage]
    let contacts: [Contact]
    let journey: [JourneyEvent]
    let tags: [SwitchboardChatClient.Tag]
    let bot: BotConfiguration
    let agents: [Agent]
    let workspace: Workspace
  }

  @Test func badInputIsRefusedWithWhatToFixAndChangesNothing() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let chat = try #require(try await people.inbound("I want to talk to an agent", id: "wamid.1").chat)
      _ = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))
      _ = try await people.ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "Hi Maria"))
      let ada = people.ada
      let contactID = chat.contactID
      func state() async throws -> DeskState {
        DeskState(
          chats: try await people.boss.chats.listChats(ListChatsRequest()).chats,
          messages: try await ada.chats.listMessages(ListMessagesRequest(chatID: chat.id)).messages,
          contacts: try await desk.admin.contacts.listContacts(ListContactsRequest()).contacts,
          journey: try await ada.journey.listJourney(ListJourneyRequest(contactID: contactID)).events,
          tags: try await ada.tags.listTags(ListTagsRequest()).tags,
          bot: try await ada.bot.getBotConfiguration(GetBotConfigurationRequest()),
          agents: try await desk.admin.admin.listAgents(ListAgentsRequest()).agents,
          workspace: try await desk.admin.admin.getWorkspace(GetWorkspaceRequest()))
      }
      let badPage = PageRequest(pageToken: "not-a-token")
      // A real token, of another chat's list of messages.
      let otherChat = try #require(try await people.inbound("hello", from: "5511977770000", id: "wamid.other").chat)
      let otherToken = try await people.boss.chats.listMessages(
        ListMessagesRequest(chatID: otherChat.id, page: PageRequest(pageSize: 1))).nextPageToken
      try #require(!otherToken.isEmpty)
      let negativePage = PageRequest(pageSize: -1)
      var bot = try await ada.bot.getBotConfiguration(GetBotConfigurationRequest())
      bot.handoffPhrases = []
      bot.intents.append(BotIntent(name: "", keywords: ["price"], reply: "Hi {{name"))
      let malformedBot = bot
      let unknownField = BotConfiguration(
        intents: [BotIntent(name: "colour", keywords: ["colour"], collect: [BotCollectStep(field: "Favourite Colour", question: "Which?")])],
        handoffPhrases: ["agent"], handoffReply: "Connecting you.", fallbackReply: "Sorry?", maxConsecutiveUnmatched: 3,
        giveUpReply: "Connecting you.")

      let calls: [BadCall] = [
        // Ids that name nothing.
        BadCall("a section this server does not know", .invalidArgument, mentions: ["section", "7"]) {
          _ = try await ada.chats.listChats(ListChatsRequest(section: .unrecognized(7)))
        },
        BadCall("unknown chat", .notFound, mentions: ["chat", "999999"]) {
          _ = try await ada.chats.getChat(GetChatRequest(chatID: "999999"))
        },
        BadCall("non-numeric chat id", .notFound, mentions: ["chat", "abc"]) {
          _ = try await ada.chats.sendMessage(SendMessageRequest(chatID: "abc", text: "hi"))
        },
        BadCall("empty chat id", .invalidArgument, mentions: ["chat_id"]) {
          _ = try await ada.chats.intervene(InterveneRequest(chatID: ""))
        },
        BadCall("unknown chat for a template", .notFound, mentions: ["chat", "999999"]) {
          _ = try await ada.chats.sendTemplate(SendTemplateRequest(chatID: "999999", templateName: "hi", templateText: "Hi"))
        },
        BadCall("unknown contact", .notFound, mentions: ["contact", "999999"]) {
          _ = try await ada.contacts.updateContact(UpdateContactRequest(contactID: "999999", email: "maria@example.com"))
        },
        BadCall("non-numeric contact id", .notFound, mentions: ["contact", "maria"]) {
          _ = try await ada.contacts.getContact(GetContactRequest(contactID: "maria"))
        },
        BadCall("unknown contact's journey", .notFound, mentions: ["contact", "999999"]) {
          _ = try await ada.journey.listJourney(ListJourneyRequest(contactID: "999999"))
        },
        BadCall("unknown agent", .notFound, mentions: ["agent", "424242"]) {
          _ = try await ada.chats.transfer(TransferRequest(chatID: chat.id, toAgentID: "424242"))
        },
        BadCall("non-numeric agent id", .notFound, mentions: ["agent", "bob"]) {
          _ = try await ada.chats.transfer(TransferRequest(chatID: chat.id, toAgentID: "bob"))
        },
        // Text.
        BadCall("blank text", .invalidArgument, mentions: ["text", "empty"]) {
          _ = try await ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "  \n "))
        },
        BadCall("text over 4096 bytes", .invalidArgument, mentions: ["4097", "4096"]) {
          _ = try await ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: String(repeating: "a", count: 4097)))
        },
        BadCall("text over 4096 bytes in fewer characters", .invalidArgument, mentions: ["4098", "4096"]) {
          _ = try await ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: String(repeating: "é", count: 2049)))
        },
        BadCall("an unclosed template placeholder", .invalidArgument, mentions: ["{{", "closed"]) {
          _ = try await ada.chats.sendTemplate(SendTemplateRequest(chatID: chat.id, templateName: "hi", templateText: "Hi {{name"))
        },
        BadCall("an unnamed template", .invalidArgument, mentions: ["template name"]) {
          _ = try await ada.chats.sendTemplate(SendTemplateRequest(chatID: chat.id, templateName: " ", templateText: "Hi"))
        },
        // The profile.
        BadCall("an invalid email", .invalidArgument, mentions: ["maria@", "email address"]) {
          _ = try await ada.contacts.updateContact(UpdateContactRequest(contactID: contactID, email: "maria@"))
        },
        BadCall("an invalid phone", .invalidArgument, mentions: ["12345", "E.164"]) {
          _ = try await ada.contacts.updateContact(UpdateContactRequest(contactID: contactID, phone: "12345"))
        },
        BadCall("a valid email beside an invalid phone", .invalidArgument, mentions: ["E.164"]) {
          _ = try await ada.contacts.updateContact(UpdateContactRequest(contactID: contactID, phone: "0055 11", email: "maria@example.com"))
        },
        // Tags and attributes.
        BadCall("a tag the catalog lacks", .notFound, mentions: ["gold", "create_if_missing"]) {
          _ = try await ada.tags.addContactTag(AddContactTagRequest(contactID: contactID, tagName: "gold"))
        },
        BadCall("an attribute key that is not snake_case", .invalidArgument, mentions: ["snake_case", "favourite_colour"]) {
          _ = try await ada.contacts.setAttribute(SetAttributeRequest(contactID: contactID, key: "Favourite Colour", value: "blue"))
        },
        BadCall("an attribute the contact lacks", .notFound, mentions: ["country"]) {
          _ = try await ada.contacts.removeAttribute(RemoveAttributeRequest(contactID: contactID, key: "country"))
        },
        // Inbound messages.
        BadCall("an empty wa_message_id", .invalidArgument, mentions: ["wa_message_id"]) {
          _ = try await people.connector.chats.receiveInbound(
            ReceiveInboundRequest(waMessageID: "", waUserID: "5511988880000", text: "hello"))
        },
        BadCall("an empty inbound text", .invalidArgument, mentions: ["text", "empty"]) {
          _ = try await people.connector.chats.receiveInbound(
            ReceiveInboundRequest(waMessageID: "wamid.x", waUserID: "5511988880000", text: ""))
        },
        BadCall("a wa_user_id with spaces", .invalidArgument, mentions: ["wa_user_id"]) {
          _ = try await people.connector.chats.receiveInbound(
            ReceiveInboundRequest(waMessageID: "wamid.y", waUserID: "55 11 98888", text: "hello"))
        },
        // Pages.
        BadCall("a bad page token for chats", .invalidArgument, mentions: ["page_token", "not-a-token"]) {
          _ = try await ada.chats.listChats(ListChatsRequest(page: badPage))
        },
        BadCall("a bad page token for messages", .invalidArgument, mentions: ["page_token"]) {
          _ = try await ada.chats.listMessages(ListMessagesRequest(chatID: chat.id, page: badPage))
        },
        BadCall("another chat's page token for messages", .invalidArgument, mentions: ["page_token", chat.id]) {
          _ = try await ada.chats.listMessages(ListMessagesRequest(chatID: chat.id, page: PageRequest(pageToken: otherToken)))
        },
        BadCall("a bad page token for the journey", .invalidArgument, mentions: ["page_token"]) {
          _ = try await ada.journey.listJourney(ListJourneyRequest(contactID: contactID, page: badPage))
        },
        BadCall("a bad page token for contacts", .invalidArgument, mentions: ["page_token"]) {
          _ = try await ada.contacts.listContacts(ListContactsRequest(page: badPage))
        },
        BadCall("a bad page token for tags", .invalidArgument, mentions: ["page_token"]) {
          _ = try await ada.tags.listTags(ListTagsRequest(page: badPage))
        },
        BadCall("a negative page size for chats", .invalidArgument, mentions: ["page_size", "-1"]) {
          _ = try await ada.chats.listChats(ListChatsRequest(page: negativePage))
        },
        BadCall("a negative page size for messages", .invalidArgument, mentions: ["page_size"]) {
          _ = try await ada.chats.listMessages(ListMessagesRequest(chatID: chat.id, page: negativePage))
        },
        BadCall("a negative page size for the journey", .invalidArgument, mentions: ["page_size"]) {
          _ = try await ada.journey.listJourney(ListJourneyRequest(contactID: contactID, page: negativePage))
        },
        // The bot.
        BadCall("a malformed bot configuration", .invalidArgument, mentions: ["handoff phrase", "has no name", "never closed"]) {
          _ = try await desk.admin.bot.replaceBotConfiguration(ReplaceBotConfigurationRequest(configuration: malformedBot))
        },
        BadCall("a bot step storing an invalid field", .invalidArgument, mentions: ["step 1 of intent 'colour'", "Favourite Colour", "favourite_colour"]) {
          _ = try await desk.admin.bot.replaceBotConfiguration(ReplaceBotConfigurationRequest(configuration: unknownField))
        },
        BadCall("no bot configuration", .invalidArgument, mentions: ["configuration"]) {
          _ = try await desk.admin.bot.replaceBotConfiguration(ReplaceBotConfigurationRequest())
        },
      ]

      let before = try await state()
      for bad in calls {
        let message = await expectRPCError(bad.code) { try await bad.call() }
        for word in bad.mentions {
          #expect(message.contains(word), "\(bad.label): \"\(message)\" does not mention \(word)")
        }
        #expect(try await state() == before, "\(bad.label) changed the desk")
      }
    }
  }
}

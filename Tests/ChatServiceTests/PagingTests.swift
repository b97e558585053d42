import SwitchboardChatClient
import Testing

/// Paging through the client: with `page_size` 2, five items come in pages of 2, 2 and 1, each
/// exactly once and in the list's order (the order of one big page), the last page with an
/// empty `next_page_token`.
@Suite(.timeLimit(.minutes(1)))
struct PagingTests {
  /// Every page of a list, following `next_page_token` until it is empty.
  static func pages<Item: Sendable>(
    sourceLocation: SourceLocation = #_sourceLocation, _ fetch: (PageRequest) async throws -> ([Item], String)
  ) async throws -> [[Item]] {
    var pages: [[Item]] = []
    var token = ""
    repeat {
      let (items, next) = try await fetch(PageRequest(pageSize: 2, pageToken: token))
      pages.append(items)
      token = next
    } while !token.isEmpty && pages.count < 10
    #expect(token.isEmpty, "more than 10 pages", sourceLocation: sourceLocation)
    return pages
  }

  @Test func chatsComeOnceEachMostRecentFirstWithTiesBrokenByID() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      var chats: [Chat] = []
      // Two chats at the same time, one a second later, two more a second after that.
      for (index, gap) in [0, 0, 1, 1, 0].enumerated() {
        desk.clock.advance(by: .seconds(Int64(gap)))
        let inbound = try await people.inbound("hello", from: "55119300000\(index)", id: "wamid.p\(index)")
        chats.append(try #require(inbound.chat))
      }
      // The first user writes again: that chat comes first.
      desk.clock.advance(by: .seconds(1))
      _ = try await people.inbound("hello again", from: "551193000000", id: "wamid.p0.2")
      let expected = [chats[0], chats[4], chats[3], chats[2], chats[1]].map(\.id)

      let whole = try await people.ada.chats.listChats(ListChatsRequest()).chats.map(\.id)
      #expect(whole == expected)
      let pages = try await Self.pages { page in
        let response = try await people.ada.chats.listChats(ListChatsRequest(page: page))
        return (response.chats.map(\.id), response.nextPageToken)
      }
      #expect(pages.map(\.count) == [2, 2, 1])
      #expect(Array(pages.joined()) == expected)

      // Filters page the same way: four active chats after one is requested make two pages.
      _ = try await people.inbound("I want to talk to an agent", from: "551193000002", id: "wamid.p2.2")
      let active = try await Self.pages { page in
        let response = try await people.bob.chats.listChats(ListChatsRequest(section: .active, page: page))
        return (response.chats.map(\.id), response.nextPageToken)
      }
      #expect(active == [[chats[0].id, chats[4].id], [chats[3].id, chats[1].id]])

      // All sections page as one list, merged by recency: the requested chat wrote last.
      let everything = try await Self.pages { page in
        let response = try await people.bob.chats.listChats(ListChatsRequest(page: page))
        return (response.chats.map(\.id), response.nextPageToken)
      }
      #expect(everything == [[chats[2].id, chats[0].id], [chats[4].id, chats[3].id], [chats[1].id]])
    }
  }

  @Test func messagesComeOnceEachNewestFirst() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let first = try await people.inbound("I want to talk to an agent", id: "wamid.1")
      try #require(first.botReplies.count == 1)
      let chat = try #require(first.chat)
      _ = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))
      _ = try await people.ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "Hi, Ada here"))
      // Another user's chat between: its messages are not this chat's.
      _ = try await people.inbound("hello", from: "5511988887777", id: "wamid.other")
      _ = try await people.inbound("my order is late", id: "wamid.2")
      _ = try await people.ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "Let me check"))

      let whole = try await people.ada.chats.listMessages(ListMessagesRequest(chatID: chat.id)).messages
      #expect(whole.map(\.text) == ["Let me check", "my order is late", "Hi, Ada here", first.botReplies[0].text, "I want to talk to an agent"])
      let pages = try await Self.pages { page in
        let response = try await people.ada.chats.listMessages(ListMessagesRequest(chatID: chat.id, page: page))
        return (response.messages, response.nextPageToken)
      }
      #expect(pages.map(\.count) == [2, 2, 1])
      #expect(Array(pages.joined()) == whole)
    }
  }

  @Test func journeyEventsComeOnceEachNewestFirst() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let chat = try #require(try await people.inbound("hello", id: "wamid.1").chat)
      let start = try await people.ada.journey.listJourney(ListJourneyRequest(contactID: chat.contactID)).events.count
      try #require(start < 5)
      for index in 0..<(5 - start) {
        _ = try await people.ada.contacts.setAttribute(SetAttributeRequest(contactID: chat.contactID, key: "step", value: "\(index)"))
      }

      let whole = try await people.ada.journey.listJourney(ListJourneyRequest(contactID: chat.contactID)).events
      #expect(whole.count == 5)
      #expect(whole.first?.newValue == "\(4 - start)")
      let pages = try await Self.pages { page in
        let response = try await people.ada.journey.listJourney(ListJourneyRequest(contactID: chat.contactID, page: page))
        return (response.events, response.nextPageToken)
      }
      #expect(pages.map(\.count) == [2, 2, 1])
      #expect(Array(pages.joined()) == whole)
    }
  }

  @Test func contactsTagsAgentsAndKeysPageTheSameWay() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      for index in 0..<5 {
        desk.clock.advance(by: .seconds(Int64(index % 2)))
        _ = try await people.inbound("hello", from: "55119400000\(index)", id: "wamid.c\(index)")
      }
      for name in ["alpha", "Bravo", "charlie", "Delta"] {
        _ = try await desk.admin.tags.createTag(CreateTagRequest(name: name))
      }
      _ = try await desk.signIn("Carol")
      _ = try await desk.signIn("Dave")

      let contacts = try await people.ada.contacts.listContacts(ListContactsRequest()).contacts.map(\.id)
      let contactPages = try await Self.pages { page in
        let response = try await people.ada.contacts.listContacts(ListContactsRequest(page: page))
        return (response.contacts.map(\.id), response.nextPageToken)
      }
      #expect(contactPages.map(\.count) == [2, 2, 1])
      #expect(Array(contactPages.joined()) == contacts)

      // The catalog: the four tags and first-message, by name ignoring case.
      let tags = try await Self.pages { page in
        let response = try await people.ada.tags.listTags(ListTagsRequest(page: page))
        return (response.tags.map(\.name), response.nextPageToken)
      }
      #expect(tags == [["alpha", "Bravo"], ["charlie", "Delta"], ["first-message"]])

      let agents = try await Self.pages { page in
        let response = try await desk.admin.admin.listAgents(ListAgentsRequest(page: page))
        return (response.agents.map(\.name), response.nextPageToken)
      }
      #expect(agents == [["Ada", "Bob"], ["Boss", "Carol"], ["Dave"]])

      // Keys, newest first: the connector's (made by DeskPeople), then two more.
      for label in ["crm", "billing"] {
        _ = try await desk.admin.admin.createApiKey(CreateApiKeyRequest(label: label, scopes: [.tags]))
      }
      let keys = try await Self.pages { page in
        let response = try await desk.admin.admin.listApiKeys(ListApiKeysRequest(page: page))
        return (response.keys.map(\.label), response.nextPageToken)
      }
      #expect(Array(keys.joined().prefix(3)) == ["billing", "crm", "whatsapp"])
      #expect(keys.dropLast().allSatisfy { $0.count == 2 })
    }
  }
}

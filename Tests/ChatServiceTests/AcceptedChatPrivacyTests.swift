import SwitchboardChatClient
import Testing

/// What the access table means beyond single calls: an accepted chat leaves the other agents'
/// lists, inboxes and chat watches; an admin takes it only with force or a transfer, and the
/// journey says so; another workspace's watches never hear of it.
@Suite(.timeLimit(.minutes(1)))
struct AcceptedChatPrivacyTests {
  @Test func otherAgentsNeverSeeAnAcceptedChatInListsOrWatches() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let acme = try await desk.api(desk.operatorKey).admin.createWorkspace(CreateWorkspaceRequest(name: "Acme"))
      let grace = try await desk.signIn("Grace", role: .admin, by: desk.api(acme.adminKeySecret))
      _ = try await people.inbound("hello", from: "5511900000001", id: "wamid.warm-up", name: "Warm Up")
      let chat = try #require(try await people.inbound("I want to talk to an agent", id: "wamid.1").chat)
      _ = try await people.ada.tags.addContactTag(AddContactTagRequest(contactID: chat.contactID, tagName: "vip", createIfMissing: true))
      _ = try await people.ada.contacts.setAttribute(SetAttributeRequest(contactID: chat.contactID, key: "country", value: "BR"))

      // Bob watches the requested chat; Ada takes it: Bob's watch ends, refused.
      let ended = await expectRPCError(.permissionDenied) {
        try await people.bob.watches.watchChat(WatchChatRequest(chatID: chat.id, afterSequence: 1), options: watchOptions) {
          stream in
          var events = stream.makeAsyncIterator()
          _ = try await events.expectNext()
          _ = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))
          while let event = try await events.next() {
            #expect(event.chat?.section != .accepted, "Bob saw the accepted chat: \(event)")
          }
        }
      }
      #expect(ended.contains("Ada"))
      _ = try await people.ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "Hi Maria"))
      _ = try await people.inbound("thanks, Ada", id: "wamid.2")

      // No list of Bob's shows it, whatever the filter.
      for request in [
        ListChatsRequest(), ListChatsRequest(section: .accepted), ListChatsRequest(tag: "vip"),
        ListChatsRequest(attributeKey: "country"), ListChatsRequest(agentID: people.adaID), ListChatsRequest(text: "Maria"),
      ] {
        #expect(!(try await people.bob.chats.listChats(request)).chats.contains { $0.id == chat.id }, "\(request)")
        #expect(!(try await grace.api.chats.listChats(request)).chats.contains { $0.id == chat.id }, "\(request)")
      }
      #expect(try await people.boss.chats.listChats(ListChatsRequest(agentID: people.adaID)).chats.map(\.id) == [chat.id])
      for request in [ListContactsRequest(), ListContactsRequest(tag: "vip"), ListContactsRequest(attributeKey: "country")] {
        #expect(!(try await people.bob.contacts.listContacts(request)).contacts.contains { $0.id == chat.contactID })
        #expect(try await people.ada.contacts.listContacts(request).contacts.contains { $0.id == chat.contactID })
      }

      // Bob's inbox, replayed from the start up to a last chat, shows it by id only, from the
      // first event on; his top bar does not count it. Grace's inbox never mentions it.
      let marker = try #require(try await people.inbound("hello", from: "5511900000009", id: "wamid.marker").chat)
      let inbox = try await people.bob.watches.watchInbox(WatchInboxRequest(afterSequence: 1), options: watchOptions) {
        stream in try await stream.collect { $0.chat?.id == marker.id }
      }
      let about = inbox.filter { $0.chat?.id == chat.id }
      #expect(about.count >= 5)
      for event in about {
        #expect(event.kind == .chatHidden && event.chat == Chat(id: chat.id), "\(event)")
      }
      #expect(inbox.allSatisfy { $0.topBar?.acceptedCount == 0 })
      let acmeConnector = try await desk.api(acme.adminKeySecret).admin.createApiKey(CreateApiKeyRequest(label: "wa", scopes: [.ingest]))
      let acmeMarker = try await desk.api(acmeConnector.secret).chats.receiveInbound(
        ReceiveInboundRequest(waMessageID: "wamid.acme", waUserID: "5511977776666", text: "hello"))
      let acmeInbox = try await grace.api.watches.watchInbox(WatchInboxRequest(afterSequence: 1), options: watchOptions) {
        stream in try await stream.collect { $0.chat?.id == acmeMarker.chat?.id }
      }
      #expect(acmeInbox.allSatisfy { $0.chat?.id == acmeMarker.chat?.id }, "\(acmeInbox)")

      // Keys have no inbox.
      for key in [people.connector, desk.admin] {
        await expectRPCError(.permissionDenied) {
          try await key.watches.watchInbox(WatchInboxRequest(), options: watchOptions) { stream in
            for try await _ in stream {}
          }
        }
      }
    }
  }

  @Test func anAdminTakesAnotherAgentsChatOnlyWithForceOrATransferAndTheJourneySaysSo() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let chat = try #require(try await people.inbound("I want to talk to an agent", id: "wamid.1").chat)
      _ = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))

      let unforced = await expectRPCError(.failedPrecondition) {
        try await people.boss.chats.resolve(ResolveRequest(chatID: chat.id))
      }
      #expect(unforced.contains("force"))
      let resolved = try await people.boss.chats.resolve(ResolveRequest(chatID: chat.id, force: true))
      #expect(resolved.section == .active && resolved.ownerAgentID.isEmpty)
      var journey = try await people.boss.journey.listJourney(ListJourneyRequest(contactID: chat.contactID)).events
      let forced = try #require(journey.first { $0.kind == .resolved })
      #expect(forced.forced && forced.actor?.id == people.bossID)
      #expect(forced.summary.contains("in another agent's place"))

      // Ada takes it again and resolves it herself: not forced.
      _ = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))
      _ = try await people.ada.chats.resolve(ResolveRequest(chatID: chat.id, force: true))
      journey = try await people.ada.journey.listJourney(ListJourneyRequest(contactID: chat.contactID)).events
      #expect(journey.filter { $0.kind == .resolved }.map(\.forced) == [false, true])

      // A transfer to himself lets the admin write to the user.
      _ = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))
      await expectRPCError(.permissionDenied) {
        try await people.boss.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "Boss here"))
      }
      let moved = try await people.boss.chats.transfer(TransferRequest(chatID: chat.id, toAgentID: people.bossID))
      #expect(moved.ownerAgentID == people.bossID && moved.ownerAgentName == "Boss")
      _ = try await people.boss.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "Boss here"))
      await expectRPCError(.permissionDenied) {
        try await people.ada.chats.getChat(GetChatRequest(chatID: chat.id))
      }
      journey = try await people.boss.journey.listJourney(ListJourneyRequest(contactID: chat.contactID)).events
      let transfer = try #require(journey.first { $0.kind == .transferred })
      #expect(transfer.actor?.id == people.bossID && transfer.agent?.id == people.bossID)
    }
  }
}

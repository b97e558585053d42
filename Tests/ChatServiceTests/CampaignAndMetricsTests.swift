import SwitchboardChatClient
import Testing

/// Campaigns to an audience by tags, and the metrics agents are judged by.
@Suite(.timeLimit(.minutes(1)))
struct CampaignAndMetricsTests {
  @Test func aCampaignReachesItsAudienceOnceWithItsTagAndJourneyEvent() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      var contactIDs: [String] = []
      for index in 0..<3 {
        let response = try await people.inbound("hi", from: "55119000000\(index)", id: "wamid.\(index)", name: "User \(index)")
        contactIDs.append(response.chat!.contactID)
      }
      let admin = desk.admin
      _ = try await people.ada.tags.addContactTag(AddContactTagRequest(contactID: contactIDs[0], tagName: "vip", createIfMissing: true))
      _ = try await people.ada.tags.addContactTag(AddContactTagRequest(contactID: contactIDs[1], tagName: "vip"))
      let placeholder = await expectRPCError(.invalidArgument) {
        try await admin.campaigns.createCampaign(CreateCampaignRequest(name: "Bad", templateText: "Hi {{nickname}}", broadcastTag: "promo"))
      }
      #expect(placeholder.contains("nickname"))
      let campaign = try await admin.campaigns.createCampaign(
        CreateCampaignRequest(name: "Black Friday", templateText: "Hi {{name}}, 30% off today", broadcastTag: "black-friday"))
      let progress = try await admin.campaigns.sendCampaign(SendCampaignRequest(campaignID: campaign.id, audienceTags: ["vip"])) { stream in
        try await stream.reduce(into: [CampaignProgress]()) { $0.append($1) }
      }
      #expect(progress.last?.done == true)
      #expect(progress.last?.total == 2 && progress.last?.sent == 2)
      // Sent again: everyone skipped.
      let again = try await admin.campaigns.sendCampaign(SendCampaignRequest(campaignID: campaign.id, audienceTags: ["vip"])) { stream in
        try await stream.reduce(into: [CampaignProgress]()) { $0.append($1) }
      }
      #expect(again.last?.sent == 0 && again.last?.skipped == 2)

      let reached = try await people.ada.contacts.getContact(GetContactRequest(contactID: contactIDs[0]))
      #expect(reached.tags.contains { $0.name == "black-friday" && $0.kind == .broadcast })
      #expect(reached.campaigns.map(\.name) == ["Black Friday"])
      let messages = try await people.ada.chats.listMessages(ListMessagesRequest(chatID: try await chatID(people, contactIDs[0])))
      #expect(messages.messages.first?.text == "Hi User 0, 30% off today")
      let journey = try await people.ada.journey.listJourney(ListJourneyRequest(contactID: contactIDs[0]))
      #expect(journey.events.contains { $0.kind == .campaignSent && $0.text == "Black Friday" })
      let untouched = try await people.ada.contacts.getContact(GetContactRequest(contactID: contactIDs[2]))
      #expect(untouched.campaigns.isEmpty)
      await expectRPCError(.permissionDenied) {
        try await people.ada.campaigns.createCampaign(CreateCampaignRequest(name: "Mine", templateText: "x", broadcastTag: "y"))
      }
    }
  }

  private func chatID(_ people: DeskPeople, _ contactID: String) async throws -> String {
    let chats = try await people.ada.chats.listChats(ListChatsRequest())
    return try #require(chats.chats.first { $0.contactID == contactID }).id
  }

  @Test func metricsMeasureEachEpisodeFromRequestToResolve() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let start = try await people.inbound("hello", id: "wamid.1")
      let chatID = start.chat!.id
      _ = try await people.inbound("agent please", id: "wamid.2")
      desk.clock.advance(by: .seconds(60))
      _ = try await people.ada.chats.intervene(InterveneRequest(chatID: chatID))
      desk.clock.advance(by: .seconds(30))
      _ = try await people.ada.chats.sendMessage(SendMessageRequest(chatID: chatID, text: "Hi, Ada here"))
      desk.clock.advance(by: .seconds(120))
      _ = try await people.ada.chats.resolve(ResolveRequest(chatID: chatID))
      // A second chat the bot handles alone.
      _ = try await people.inbound("hello", from: "5511888880000", id: "wamid.3", name: "Jo")

      let metrics = try await desk.admin.metrics.getMetrics(GetMetricsRequest())
      #expect(metrics.timeToIntervene?.count == 1)
      #expect(metrics.timeToIntervene?.medianMs == 60_000)
      #expect(metrics.firstResponse?.medianMs == 30_000)
      #expect(metrics.timeToResolve?.medianMs == 150_000)
      // Episodes: the first chat's (resolved), the episode it reopened into, and the second chat's.
      #expect(metrics.episodes == 3)
      #expect(metrics.botOnlyEpisodes == 2)
      #expect(metrics.activeCount == 2)

      let own = try await people.ada.metrics.getMetrics(GetMetricsRequest())
      #expect(own.timeToIntervene?.count == 1)
      await expectRPCError(.permissionDenied) {
        try await people.bob.metrics.getMetrics(GetMetricsRequest(agentID: people.adaID))
      }
    }
  }
}

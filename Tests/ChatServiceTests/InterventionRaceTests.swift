import SwitchboardChatClient
import Testing

/// Agents racing to intervene in the same chat, through the generated client over TCP: the
/// desk applies the calls one after another, so exactly one wins and every other agent is told
/// who did.
@Suite(.timeLimit(.minutes(1)))
struct InterventionRaceTests {
  /// What one racing agent got.
  enum Outcome: Sendable {
    case won(Chat)
    case lost(RPCError)
  }

  @Test func exactlyOneOfTwentyRacingAgentsWinsEachOfFiftyChats() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      // Zero-padded, so that no racer's name is part of another's.
      var racers: [(name: String, api: SwitchboardAPI, id: String)] = []
      for index in 1...20 {
        let name = "Racer \(index < 10 ? "0" : "")\(index)"
        let racer = try await desk.signIn(name)
        racers.append((name, racer.api, racer.id))
      }
      let snapshot = racers

      for round in 0..<50 {
        let user = "55119\(100_000 + round)"
        let inbound = try await people.inbound("I want to talk to an agent", from: user, id: "wamid.race.\(round)")
        let chat = try #require(inbound.chat)
        #expect(chat.section == .requested)

        let outcomes = try await withThrowingTaskGroup(of: (Int, Outcome).self) { group in
          for (index, racer) in snapshot.enumerated() {
            group.addTask {
              do {
                return (index, .won(try await racer.api.chats.intervene(InterveneRequest(chatID: chat.id))))
              } catch let error as RPCError {
                return (index, .lost(error))
              }
            }
          }
          var outcomes: [(Int, Outcome)] = []
          for try await outcome in group { outcomes.append(outcome) }
          return outcomes
        }

        let winners = outcomes.compactMap { index, outcome -> (Int, Chat)? in
          if case .won(let chat) = outcome { (index, chat) } else { nil }
        }
        try #require(winners.count == 1, "round \(round): \(winners.count) agents won")
        let (winnerIndex, won) = winners[0]
        let winner = snapshot[winnerIndex]
        #expect(won.section == .accepted && won.ownerAgentID == winner.id && won.ownerAgentName == winner.name)

        let losses = outcomes.compactMap { _, outcome -> RPCError? in
          if case .lost(let error) = outcome { error } else { nil }
        }
        #expect(losses.count == 19)
        for loss in losses {
          #expect(loss.code == .failedPrecondition, "round \(round): \(loss.code) \(loss.message)")
          #expect(loss.message.contains(winner.name), "round \(round): \(loss.message) does not name \(winner.name)")
        }

        // Afterwards the chat is the winner's, and the desk recorded one intervention only.
        let stored = try await winner.api.chats.getChat(GetChatRequest(chatID: chat.id))
        #expect(stored.section == .accepted && stored.ownerAgentID == winner.id)
        let contact = try await winner.api.contacts.getContact(GetContactRequest(contactID: chat.contactID))
        #expect(contact.journey?.interventionCount == 1)
        let journey = try await winner.api.journey.listJourney(ListJourneyRequest(contactID: chat.contactID))
        let interventions = journey.events.filter { $0.kind == .intervened }
        #expect(interventions.map { $0.actor?.id } == [winner.id])
      }
    }
  }

  /// The winner's client retries (its answer was lost): the chat, the journey, the intervention
  /// count and the watch log stay as they were.
  @Test func interveningAgainInAChatOneHoldsChangesNothing() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      _ = try await people.inbound("hello", from: "5511900000001", id: "wamid.warm-up", name: "Warm Up")
      let chat = try #require(try await people.inbound("I want to talk to an agent", id: "wamid.1").chat)
      _ = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))
      let journey = try await people.ada.journey.listJourney(ListJourneyRequest(contactID: chat.contactID)).events
      let log = { (last: String) in
        try await people.ada.watches.watchChat(WatchChatRequest(chatID: chat.id, afterSequence: 1), options: watchOptions) {
          stream in try await stream.collect { $0.message?.text == last }.map(\.sequence)
        }
      }
      _ = try await people.ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "Before"))
      let before = try await log("Before")
      let held = try await people.ada.chats.getChat(GetChatRequest(chatID: chat.id))

      let again = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))
      #expect(again == held)
      #expect(try await people.ada.journey.listJourney(ListJourneyRequest(contactID: chat.contactID)).events == journey)
      let contact = try await people.ada.contacts.getContact(GetContactRequest(contactID: chat.contactID))
      #expect(contact.journey?.interventionCount == 1)
      // The chat's log goes from Ada's message before the retry to her next one.
      _ = try await people.ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "After"))
      let after = try await log("After")
      #expect(after.dropLast() == before[...], "\(before) then \(after)")
    }
  }
}

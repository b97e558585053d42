@testable import ChatService
import SwitchboardChatClient
import Testing

/// WhatsApp retries webhooks, sometimes many at once: the same inbound message id must create
/// one message, one bot turn, one set of replies in the outbox, whatever the interleaving.
@Suite(.timeLimit(.minutes(1)))
struct InboundIdempotencyTests {
  @Test func twentyConcurrentRetriesOfAFirstMessageCreateItOnce() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      try await expectOneMessage(people: people, id: "wamid.first", text: "hello", after: [])
    }
  }

  @Test func twentyConcurrentRetriesInAnExistingChatCreateItOnce() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let opening = try await people.inbound("hello", id: "wamid.opening")
      let earlier = [opening.message!.id] + opening.botReplies.map(\.id)
      try await expectOneMessage(people: people, id: "wamid.second", text: "what are your opening hours?", after: earlier)
    }
  }

  /// The idempotency table is unique per block of message ids (``InboundIDIndex``): a retry
  /// long after the first delivery, many blocks of messages later, still gets what the first
  /// delivery produced.
  @Test func aRetryBlocksOfMessagesLaterGetsTheOriginal() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let original = try await people.inbound("hello", id: "wamid.early")
      let chatID = try #require(Int64(original.chat?.id ?? ""))
      let filler = try await desk.desk.desk.database.write { db in
        let next = try db.fetchOne("SELECT max(id) FROM messages") { try $0.int64(0) }! >> Int64(InboundIDIndex.blockBits) + 3
        return try InboundIDIndexTests.jump(to: next, in: db, chatID: chatID)
      }
      let later = try await people.inbound("still there?", id: "wamid.later")
      #expect(later.created)
      let laterID = try #require(Int64(later.message?.id ?? ""))
      #expect(laterID >> Int64(InboundIDIndex.blockBits) >= 3)

      let retry = try await people.inbound("hello", id: "wamid.early")
      #expect(!retry.created)
      #expect(retry.message?.id == original.message?.id)
      #expect(retry.botReplies.map(\.id) == original.botReplies.map(\.id))
      let again = try await people.inbound("still there?", id: "wamid.later")
      #expect(!again.created && again.message?.id == later.message?.id)
      // The chat holds each message once, in order, the filler between them.
      let messages = try await people.boss.chats.listMessages(ListMessagesRequest(chatID: original.chat!.id)).messages
      let expected = (later.botReplies.reversed() + [later.message!]).map(\.id) + [filler.idString]
        + (original.botReplies.reversed() + [original.message!]).map(\.id)
      #expect(messages.map(\.id) == expected)
    }
  }

  /// Delivers the same message 20 times at once and checks that it exists once, with one set of
  /// bot replies in the chat and the outbox; `earlier` are the ids of the chat's messages
  /// before, oldest first.
  private func expectOneMessage(people: DeskPeople, id: String, text: String, after earlier: [String]) async throws {
    let responses = try await withThrowingTaskGroup(of: ReceiveInboundResponse.self) { group in
      for _ in 0..<20 {
        group.addTask { try await people.inbound(text, id: id) }
      }
      var responses: [ReceiveInboundResponse] = []
      for try await response in group { responses.append(response) }
      return responses
    }
    #expect(responses.count == 20)
    let created = responses.filter(\.created)
    try #require(created.count == 1, "\(created.count) deliveries created the message")
    let original = created[0]
    let messageID = try #require(original.message?.id)
    #expect(Set(responses.map { $0.message?.id }) == [messageID])
    #expect(Set(responses.map { $0.chat?.id }) == [original.chat?.id])
    #expect(!original.botReplies.isEmpty)
    for response in responses {
      #expect(response.botReplies.map(\.id) == original.botReplies.map(\.id))
    }

    // The chat holds the inbound message once, followed by the replies of one bot turn.
    let chatID = try #require(original.chat?.id)
    let replyIDs = original.botReplies.map(\.id)
    let messages = try await people.boss.chats.listMessages(ListMessagesRequest(chatID: chatID)).messages
    #expect(messages.reversed().map(\.id) == earlier + [messageID] + replyIDs)
    #expect(messages.filter { $0.waMessageID == id }.count == 1)

    // The outbox holds those replies once: read it up to a marker sent after the retries.
    let marker = try await people.inbound("hello", from: "5511988887777", id: "\(id).marker")
    let markerReply = try #require(marker.botReplies.last?.id)
    let outbox = try await people.connector.delivery.watchOutbox(WatchOutboxRequest(), options: watchOptions) { stream in
      var items: [OutboxItem] = []
      for try await item in stream {
        items.append(item)
        if item.message?.id == markerReply { break }
      }
      return items
    }
    let earlierReplies = Set(earlier)
    let pending = outbox.compactMap(\.message).filter { $0.chatID == chatID && !earlierReplies.contains($0.id) }
    #expect(pending.map(\.id) == replyIDs)
    let sequences = outbox.map(\.sequence)
    #expect(sequences == sequences.sorted() && Set(sequences).count == sequences.count)
  }
}

@testable import ChatService
import SwitchboardChatClient
import Testing

/// Real-time updates that lose nothing across a reconnect: a watcher that stops, misses changes
/// while away, and resumes with `after_sequence` set to the last sequence it saw receives exactly
/// the changes it missed and then the new ones, each once and in order; a watch replaying from
/// the start (the log itself) agrees with the two pieces put together.
///
/// Every test writes a first message from another user before anything else, so the events it
/// watches have sequence numbers above 1 and `after_sequence: 1` replays all of them.
@Suite(.timeLimit(.minutes(1)))
struct WatchResumeTests {
  /// After the warm-up message, a user asks for an agent and Ada intervenes: her chat, and a
  /// way to write in it.
  static func adasChat(_ people: DeskPeople) async throws -> (Chat, @Sendable (String) async throws -> Void) {
    _ = try await people.inbound("hello", from: "5511900000001", id: "wamid.warm-up", name: "Warm Up")
    let chat = try #require(try await people.inbound("I want to talk to an agent", id: "wamid.1").chat)
    _ = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))
    let ada = people.ada
    return (chat, { text in _ = try await ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: text)) })
  }

  @Test func aChatWatchResumesWithNothingLostOrDoubled() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let (chat, send) = try await Self.adasChat(people)

      try await send("zero")

      // Connected: the events so far, replayed, then two live ones.
      let before = try await people.ada.watches.watchChat(
        WatchChatRequest(chatID: chat.id, afterSequence: 1), options: watchOptions
      ) { stream in
        var seen = try await stream.collect { $0.message?.text == "zero" }
        var events = stream.makeAsyncIterator()
        for text in ["one", "two"] {
          try await send(text)
          seen.append(try await events.expectNext())
        }
        return seen
      }
      let last = try #require(before.last?.sequence)

      // Away: a message from Ada, one from the user, a tag.
      try await send("three")
      _ = try await people.inbound("four", id: "wamid.4")
      _ = try await people.ada.tags.addContactTag(AddContactTagRequest(contactID: chat.contactID, tagName: "vip", createIfMissing: true))

      // Back: the three missed events, then a live one.
      let after = try await people.ada.watches.watchChat(
        WatchChatRequest(chatID: chat.id, afterSequence: last), options: watchOptions
      ) { stream in
        var events = stream.makeAsyncIterator()
        var seen = try await events.expectNext(3)
        try await send("five")
        seen.append(try await events.expectNext())
        return seen
      }

      // The log replayed from the start, up to a last message.
      try await send("end")
      let log = try await people.ada.watches.watchChat(
        WatchChatRequest(chatID: chat.id, afterSequence: 1), options: watchOptions
      ) { stream in try await stream.collect { $0.message?.text == "end" } }

      let pieces = before + after
      let sequences = pieces.map(\.sequence)
      #expect(zip(sequences, sequences.dropFirst()).allSatisfy { $0 < $1 }, "\(sequences)")
      #expect(sequences == log.dropLast().map(\.sequence))
      #expect(pieces.map { $0.message?.id } == log.dropLast().map { $0.message?.id })
      #expect(
        pieces.compactMap { $0.message?.text }.filter { !$0.hasPrefix("Connecting") }
          == ["I want to talk to an agent", "zero", "one", "two", "three", "four", "five"])
      #expect(pieces.allSatisfy { $0.chat?.id == chat.id })
      #expect(after.last?.chat?.tags == ["first-message", "vip"])
    }
  }

  /// A chat's events are read from the log a block of 16,384 sequences at a time: a resume
  /// whose missed events lie blocks apart, with blocks of other workspaces' events between
  /// them, gets each of them once and in order.
  @Test func aChatWatchResumesAcrossBlocksOfTheLog() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let (chat, send) = try await Self.adasChat(people)
      // Another workspace's event at `sequence`, so that the next ones come after it: as if a
      // busy desk had logged everything in between.
      let skip = { (sequence: Int64) in
        try await desk.desk.desk.database.write { db in
          try db.execute("INSERT INTO events (sequence, workspace_id, chat_id, kind) VALUES (?, 999, 999, 1)", [sequence])
        }
      }

      try await send("zero")
      let last = try await people.ada.watches.watchChat(
        WatchChatRequest(chatID: chat.id, afterSequence: 1), options: watchOptions
      ) { stream in try #require(try await stream.collect { $0.message?.text == "zero" }.last).sequence }

      try await skip(40_000)
      try await send("one")
      try await send("two")
      try await skip(200_000)
      try await send("three")

      let missed = try await people.ada.watches.watchChat(
        WatchChatRequest(chatID: chat.id, afterSequence: last), options: watchOptions
      ) { stream in
        var events = stream.makeAsyncIterator()
        var seen = try await events.expectNext(3)
        try await skip(300_000)
        try await send("four")
        seen.append(try await events.expectNext())
        return seen
      }
      #expect(missed.map { $0.message?.text } == ["one", "two", "three", "four"])
      #expect(missed.map(\.sequence) == [40_001, 40_002, 200_001, 300_001])
    }
  }

  @Test func anInboxWatchResumesWithNothingLostOrDoubled() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      _ = try await people.inbound("hello", from: "5511900000001", id: "wamid.warm-up", name: "Warm Up")
      let mine = try #require(try await people.inbound("I want to talk to an agent", id: "wamid.c1").chat)
      _ = try await people.ada.chats.intervene(InterveneRequest(chatID: mine.id))
      _ = try await people.ada.chats.sendMessage(SendMessageRequest(chatID: mine.id, text: "zero"))
      // Where Ada's desk stands: the sequence of the last event, her message.
      let start = try await people.ada.watches.watchChat(
        WatchChatRequest(chatID: mine.id, afterSequence: 1), options: watchOptions
      ) { stream in
        try #require(try await stream.collect { $0.message?.text == "zero" }.last).sequence
      }

      // Connected: a new chat appears, Bob takes it (hidden from Ada, as are its bot replies
      // that will not be sent now), Ada writes in hers.
      var bobs = ""
      var dropped = 0
      let before = try await people.ada.watches.watchInbox(WatchInboxRequest(afterSequence: start), options: watchOptions) {
        stream in
        var events = stream.makeAsyncIterator()
        let appeared = try await people.inbound("hello", from: "5511900000002", id: "wamid.d1", name: "Dora")
        let chat = try #require(appeared.chat)
        bobs = chat.id
        dropped = appeared.botReplies.count
        var seen = [try await events.expectNext()]
        #expect(seen[0].kind == .chatUpdated && seen[0].chat?.contactName == "Dora")
        _ = try await people.bob.chats.intervene(InterveneRequest(chatID: chat.id))
        for event in try await events.expectNext(1 + dropped) {
          #expect(event.kind == .chatHidden && event.chat == Chat(id: chat.id))
          seen.append(event)
        }
        _ = try await people.ada.chats.sendMessage(SendMessageRequest(chatID: mine.id, text: "one"))
        seen.append(try await events.expectNext())
        #expect(seen.last?.kind == .chatUpdated && seen.last?.topBar?.acceptedCount == 1)
        return seen
      }
      let last = try #require(before.last?.sequence)

      // Away: the user writes to Ada, Bob writes to his user, Ada tags hers, a third user writes.
      _ = try await people.inbound("two", id: "wamid.c2")
      _ = try await people.bob.chats.sendMessage(SendMessageRequest(chatID: bobs, text: "Hi Dora"))
      _ = try await people.ada.tags.addContactTag(AddContactTagRequest(contactID: mine.contactID, tagName: "vip", createIfMissing: true))
      let third = try #require(try await people.inbound("hello", from: "5511900000003", id: "wamid.f1", name: "Flora").chat)

      // Back: the four missed events, then a live one.
      let after = try await people.ada.watches.watchInbox(WatchInboxRequest(afterSequence: last), options: watchOptions) {
        stream in
        var events = stream.makeAsyncIterator()
        var seen = try await events.expectNext(4)
        _ = try await people.ada.chats.resolve(ResolveRequest(chatID: mine.id))
        seen.append(try await events.expectNext())
        return seen
      }

      // The log replayed from the start, up to a last chat.
      let marker = try #require(try await people.inbound("hello", from: "5511900000004", id: "wamid.g1").chat)
      let log = try await people.ada.watches.watchInbox(WatchInboxRequest(afterSequence: start), options: watchOptions) {
        stream in try await stream.collect { $0.chat?.id == marker.id }
      }

      let pieces = before + after
      let sequences = pieces.map(\.sequence)
      #expect(zip(sequences, sequences.dropFirst()).allSatisfy { $0 < $1 }, "\(sequences)")
      #expect(sequences == log.dropLast().map(\.sequence))
      #expect(
        pieces.map { $0.chat?.id ?? "" }
          == [bobs, bobs] + Array(repeating: bobs, count: dropped) + [mine.id, mine.id, bobs, mine.id, third.id, mine.id])
      // Bob's chat never shows Ada more than its id.
      for event in pieces + log where event.chat?.id == bobs {
        #expect(event.chat == Chat(id: bobs) || event.sequence == before[0].sequence, "\(event)")
      }
      #expect(after.last?.chat?.section == .active && after.last?.topBar?.acceptedCount == 0)
    }
  }

  @Test func theOutboxResumesWithNothingLostOrDoubled() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let first = try await people.inbound("hello", id: "wamid.1")
      let chat = try #require(first.chat)
      let delivery = people.connector.delivery

      // Connected: the pending replies, then live ones; one is reported sent.
      let before = try await delivery.watchOutbox(WatchOutboxRequest(), options: watchOptions) { stream in
        var items = stream.makeAsyncIterator()
        var seen = try await items.expectNext(first.botReplies.count)
        let second = try await people.inbound("what are your opening hours?", from: "5511900000002", id: "wamid.2")
        seen += try await items.expectNext(second.botReplies.count)
        return seen
      }
      let last = try #require(before.last?.sequence)
      let delivered = try #require(before.first?.message?.id)
      _ = try await delivery.reportStatus(ReportStatusRequest(messageID: delivered, status: .sent, waMessageID: "wamid.out.1"))

      // Away: bot replies to a third user and a template from Ada; another connector sends
      // the template, so it is no longer pending.
      let third = try await people.inbound("hello", from: "5511900000003", id: "wamid.3")
      let template = try await people.ada.chats.sendTemplate(
        SendTemplateRequest(chatID: chat.id, templateName: "welcome", templateText: "Welcome, {{name}}!"))
      let late = try await people.inbound("thanks", from: "5511900000003", id: "wamid.4")
      _ = try await delivery.reportStatus(ReportStatusRequest(messageID: template.id, status: .sent))

      // Back: what is still pending after the last item seen, then a live one.
      let missed = third.botReplies.map(\.id) + late.botReplies.map(\.id)
      let after = try await delivery.watchOutbox(WatchOutboxRequest(afterSequence: last), options: watchOptions) { stream in
        var items = stream.makeAsyncIterator()
        var seen = try await items.expectNext(missed.count)
        let live = try await people.inbound("hello", from: "5511900000005", id: "wamid.5")
        seen += try await items.expectNext(live.botReplies.count)
        #expect(seen.suffix(live.botReplies.count).map { $0.message?.id } == live.botReplies.map(\.id))
        return seen
      }
      #expect(after.prefix(missed.count).map { $0.message?.id } == missed)

      // Replaying every pending item, up to a last one, gives the same items minus the sent one.
      let marker = try await people.inbound("hello", from: "5511900000006", id: "wamid.6")
      let replay = try await delivery.watchOutbox(WatchOutboxRequest(), options: watchOptions) { stream in
        try await stream.collect { $0.message?.id == marker.botReplies.last?.id }
      }
      let pieces = (before + after).filter { $0.message?.id != delivered }
      let sequences = (before + after).map(\.sequence)
      #expect(zip(sequences, sequences.dropFirst()).allSatisfy { $0 < $1 }, "\(sequences)")
      #expect(pieces.map(\.sequence) == replay.dropLast(marker.botReplies.count).map(\.sequence))
      #expect(!replay.contains { $0.message?.id == template.id || $0.message?.id == delivered })
    }
  }
}

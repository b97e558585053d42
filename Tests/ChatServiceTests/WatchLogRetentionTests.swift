@testable import ChatService
import SwitchboardChatClient
import SwitchboardSQLite
import Testing

/// The watch log keeps a week of events (the default): a watch resumes from any sequence of that
/// week and replays exactly what came after it; a watch resuming from before is refused with
/// `outOfRange` and a message saying what to do, never served a replay with a hole in it.
@Suite(.timeLimit(.minutes(1)))
struct WatchLogRetentionTests {
  /// A sequence past the log's newest was never sent by this server (a restored backup,
  /// another server, a made-up number): every watch refuses it with what to do, and the
  /// server stays up for the next call.
  @Test func aWatchFromPastTheNewestSequenceIsToldToReload() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let chat = try #require(try await people.inbound("I want to talk to an agent", id: "wamid.1").chat)
      let newest = try await desk.newestEventSequence()
      for after in [newest + 1, newest + 100_000, Int64.max] {
        let message = await expectRPCError(.outOfRange) {
          try await people.ada.watches.watchChat(
            WatchChatRequest(chatID: chat.id, afterSequence: after), options: watchOptions
          ) { stream in try await stream.collect { _ in true } }
        }
        #expect(message.contains("after_sequence \(after) is past") && message.contains("without after_sequence"), "\(message)")
        await expectRPCError(.outOfRange) {
          try await people.ada.watches.watchInbox(WatchInboxRequest(afterSequence: after), options: watchOptions) { stream in
            try await stream.collect { _ in true }
          }
        }
      }
      // The outbox's sequences are message ids: past the newest, likewise.
      let newestMessage = try await desk.desk.desk.read { try $0.newestMessageID() }
      for after in [newestMessage + 1, Int64.max] {
        let message = await expectRPCError(.outOfRange) {
          try await people.connector.delivery.watchOutbox(WatchOutboxRequest(afterSequence: after), options: watchOptions) {
            stream in try await stream.collect { _ in true }
          }
        }
        #expect(message.contains("after_sequence \(after) is past") && message.contains("from 0"), "\(message)")
      }
      // The newest itself is a fine place to resume from: the next change comes through.
      let next = try await people.ada.watches.watchChat(
        WatchChatRequest(chatID: chat.id, afterSequence: newest), options: watchOptions
      ) { stream in
        var events = stream.makeAsyncIterator()
        _ = try await people.inbound("still there?", id: "wamid.2")
        return try await events.expectNext()
      }
      #expect(next.sequence == newest + 1 && next.message?.text == "still there?")
    }
  }

  @Test func aWatchResumesWithinTheWeekAndIsToldToReloadFromBeforeIt() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let chat = try #require(try await people.inbound("I want to talk to an agent", id: "wamid.1").chat)
      _ = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))
      _ = try await people.ada.chats.sendMessage(SendMessageRequest(chatID: chat.id, text: "zero"))
      #expect(try await desk.desk.pruneWatchLog() == 0)
      let weekOld = try await desk.newestEventSequence()

      // Four days on: nothing is a week old yet.
      desk.clock.advance(by: .seconds(4 * 86_400))
      _ = try await people.inbound("still there?", id: "wamid.2")
      #expect(try await desk.desk.pruneWatchLog() == 0)
      let fromStart = try await people.ada.watches.watchChat(
        WatchChatRequest(chatID: chat.id, afterSequence: 0), options: watchOptions
      ) { stream in try await stream.collect { $0.message?.text == "still there?" } }
      #expect(fromStart.first?.message?.text == "I want to talk to an agent")

      // Eight days on: what was logged by the first day goes, the rest stays.
      desk.clock.advance(by: .seconds(4 * 86_400))
      #expect(try await desk.desk.pruneWatchLog() == Int(weekOld))
      #expect(try await desk.desk.desk.read { try $0.prunedEventSequence() } == weekOld)

      for after in [0, 1, weekOld - 1] {
        let message = await expectRPCError(.outOfRange) {
          try await people.ada.watches.watchChat(
            WatchChatRequest(chatID: chat.id, afterSequence: after), options: watchOptions
          ) { stream in try await stream.collect { _ in true } }
        }
        #expect(message.contains("after sequence \(after)") && message.contains("without after_sequence"), "\(message)")
      }
      await expectRPCError(.outOfRange) {
        try await people.ada.watches.watchInbox(WatchInboxRequest(afterSequence: 0), options: watchOptions) { stream in
          try await stream.collect { _ in true }
        }
      }

      // From the pruned point on, everything is there: the fourth day's changes (the chat
      // closed for its quiet day, then reopened by the message), from the next sequence on.
      let resumed = try await people.ada.watches.watchChat(
        WatchChatRequest(chatID: chat.id, afterSequence: weekOld), options: watchOptions
      ) { stream in try await stream.collect { $0.message?.text == "still there?" } }
      #expect(resumed.first?.sequence == weekOld + 1)
      #expect(resumed.compactMap { $0.message?.text } == ["still there?"])

      // A watch started live is not concerned.
      try await desk.waitForWatches(0)
      let live = try await people.ada.watches.watchChat(WatchChatRequest(chatID: chat.id), options: watchOptions) { stream in
        var events = stream.makeAsyncIterator()
        try await desk.waitForWatches(1)
        _ = try await people.inbound("back", id: "wamid.3")
        return try await events.expectNext()
      }
      #expect(live.sequence > weekOld)
    }
  }

  @Test func pruningKeepsTheNewestEventSoSequencesStillOnlyGrow() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      for index in 0..<6 {
        _ = try await people.inbound("hello \(index)", from: "55119000000\(index)", id: "wamid.\(index)")
      }
      _ = try await desk.desk.pruneWatchLog()
      let newest = try await desk.newestEventSequence()
      #expect(newest > 3, "less than a write of the pruning below")

      // Everything is more than a week old: three events per write, and the newest stays.
      desk.clock.advance(by: .seconds(8 * 86_400))
      #expect(try await desk.desk.pruneWatchLog(chunk: 3) == Int(newest) - 1)
      #expect(try await desk.desk.desk.read { try $0.prunedEventSequence() } == newest - 1)

      // A client that saw the newest event resumes from it and misses nothing of what follows.
      let next = try #require(try await people.inbound("hello again", from: "551190000000", id: "wamid.again").chat)
      let resumed = try await people.ada.watches.watchInbox(WatchInboxRequest(afterSequence: newest), options: watchOptions) {
        stream in try await stream.collect { $0.chat?.id == next.id }
      }
      #expect(try #require(resumed.first).sequence == newest + 1)
    }
  }

  @Test func anOpenWatchOnAQuietChatIsNeverCutOffByPruning() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let quiet = try #require(try await people.inbound("hello", id: "wamid.q1").chat)
      let busy = { (id: String) in
        _ = try await people.inbound("hello", from: "5511988880000", id: id, name: "João")
      }
      try await desk.waitForWatches(0)
      let event = try await people.ada.watches.watchChat(WatchChatRequest(chatID: quiet.id), options: watchOptions) { stream in
        // A week and a day of another chat's messages, and pruning, while this one is silent.
        try await desk.waitForWatches(1)
        try await busy("wamid.b1")
        _ = try await desk.desk.pruneWatchLog()
        desk.clock.advance(by: .seconds(4 * 86_400))
        try await busy("wamid.b2")
        _ = try await desk.desk.pruneWatchLog()
        desk.clock.advance(by: .seconds(4 * 86_400))
        _ = try await desk.desk.pruneWatchLog()
        _ = try await people.inbound("still here?", id: "wamid.q2")
        return try await stream.collect { $0.message?.text == "still here?" }.last
      }
      #expect(event?.message?.text == "still here?")

      // Closed, it holds nothing back: everything up to the first day goes.
      #expect(try await desk.desk.pruneWatchLog() >= 0)
      #expect(try await desk.desk.desk.read { try $0.prunedEventSequence() } > 1)
    }
  }

  @Test func aQuietWorkspaceWhoseEventsWereAllPrunedStillWatchesLive() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let acme = try await desk.api(desk.operatorKey).admin.createWorkspace(CreateWorkspaceRequest(name: "Acme"))
      let grace = try await desk.signIn("Grace", role: .admin, by: desk.api(acme.adminKeySecret))
      let acmeKey = try await desk.api(acme.adminKeySecret).admin.createApiKey(CreateApiKeyRequest(label: "wa", scopes: [.ingest]))
      let acmeConnector = desk.api(acmeKey.secret)
      let first = try #require(try await acmeConnector.chats.receiveInbound(
        ReceiveInboundRequest(waMessageID: "wamid.acme.1", waUserID: "5511977770000", text: "hello")).chat)
      _ = try await desk.desk.pruneWatchLog()

      // A week on, only the first workspace has logged since: all of Acme's events go.
      desk.clock.advance(by: .seconds(4 * 86_400))
      _ = try await people.inbound("hello", id: "wamid.1")
      _ = try await desk.desk.pruneWatchLog()
      desk.clock.advance(by: .seconds(4 * 86_400))
      #expect(try await desk.desk.pruneWatchLog() > 0)

      // Grace's screens, opened live, follow what comes next.
      try await desk.waitForWatches(0)
      let inbox = try await grace.api.watches.watchInbox(WatchInboxRequest(), options: watchOptions) { stream in
        var events = stream.makeAsyncIterator()
        try await desk.waitForWatches(1)
        _ = try await acmeConnector.chats.receiveInbound(
          ReceiveInboundRequest(waMessageID: "wamid.acme.2", waUserID: "5511977770000", text: "anyone?"))
        return try await events.expectNext()
      }
      #expect(inbox.chat?.id == first.id)
      try await desk.waitForWatches(0)
      let chat = try await grace.api.watches.watchChat(WatchChatRequest(chatID: first.id), options: watchOptions) { stream in
        var events = stream.makeAsyncIterator()
        try await desk.waitForWatches(1)
        _ = try await acmeConnector.chats.receiveInbound(
          ReceiveInboundRequest(waMessageID: "wamid.acme.3", waUserID: "5511977770000", text: "hello?"))
        return try await events.expectNext()
      }
      #expect(chat.message?.text == "hello?")
    }
  }
}

extension DeskHarness {
  /// Waits until exactly `count` watches are open on the server: a watch started live reads
  /// where the log stands when the server takes it up, so a change made before that is not
  /// sent; and an ended watch leaves the server a moment after its caller.
  func waitForWatches(_ count: Int) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while desk.desk.hub.subscriberCount != count {
      guard ContinuousClock.now < deadline else { throw HarnessError("\(count) watches never opened") }
      try await Task.sleep(for: .milliseconds(2))
    }
  }

  /// The sequence of the last event logged, in any workspace.
  func newestEventSequence() async throws -> Int64 {
    try await desk.desk.read { try $0.lastEventSequence() }
  }
}

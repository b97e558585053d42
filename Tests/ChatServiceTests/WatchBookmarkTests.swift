@testable import ChatService
import SwitchboardChatClient
import Testing

/// Sequences are shared by every chat and workspace, so the last event of a quiet chat grows old
/// while the log moves on, and pruning passes it. A quiet watch is sent bookmarks (at each
/// maintenance pass), and a client that resumes from the last sequence it received, bookmark
/// or not, is not refused although its chat said nothing for a week.
@Suite(.timeLimit(.minutes(1)))
struct WatchBookmarkTests {
  @Test func aQuietChatResumesFromItsBookmarkAfterThePruningPassedItsLastEvent() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let quiet = try #require(try await people.inbound("hello", id: "wamid.q1").chat)
      let quietLast = try await desk.newestEventSequence()
      let busy = { (id: String) in
        _ = try await people.inbound("hello", from: "5511988880000", id: id, name: "João")
      }

      try await desk.waitForWatches(0)
      let bookmark = try await people.ada.watches.watchChat(WatchChatRequest(chatID: quiet.id), options: watchOptions) {
        stream in
        var events = stream.makeAsyncIterator()
        try await desk.waitForWatches(1)
        try await busy("wamid.b1")
        _ = try await desk.desk.pruneWatchLog()
        return try await events.expectNext()
      }
      #expect(bookmark.bookmark)
      #expect(bookmark.message == nil && bookmark.chat == nil)
      #expect(bookmark.sequence == (try await desk.newestEventSequence()))
      #expect(bookmark.sequence > quietLast)

      // Eight days of the other chat's messages: the log is pruned past the quiet chat's last
      // event, up to the bookmark.
      desk.clock.advance(by: .seconds(4 * 86_400))
      try await busy("wamid.b2")
      _ = try await desk.desk.pruneWatchLog()
      desk.clock.advance(by: .seconds(4 * 86_400))
      #expect(try await desk.desk.pruneWatchLog() > 0)
      let pruned = try await desk.desk.desk.read { try $0.prunedEventSequence() }
      #expect(pruned > quietLast && pruned <= bookmark.sequence)

      // From its last event the watch would be refused; from the bookmark it replays the
      // chat's changes since (none), then follows it live: the new message, and the bot's
      // welcome withdrawn as the chat went to History on the way.
      await expectRPCError(.outOfRange) {
        try await people.ada.watches.watchChat(
          WatchChatRequest(chatID: quiet.id, afterSequence: quietLast), options: watchOptions
        ) { stream in try await stream.collect { _ in true } }
      }
      try await desk.waitForWatches(0)
      let resumed = try await people.ada.watches.watchChat(
        WatchChatRequest(chatID: quiet.id, afterSequence: bookmark.sequence), options: watchOptions
      ) { stream in
        try await desk.waitForWatches(1)
        _ = try await people.inbound("still there?", id: "wamid.q2")
        return try await stream.collect { $0.message?.text == "still there?" }
      }
      #expect(resumed.map { $0.message?.status } == [.withdrawn, .unspecified])
      #expect(resumed.allSatisfy { $0.sequence > bookmark.sequence && !$0.bookmark })
    }
  }

  @Test func aQuietWorkspacesInboxIsSentABookmarkWithoutAChat() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let acme = try await desk.api(desk.operatorKey).admin.createWorkspace(CreateWorkspaceRequest(name: "Acme"))
      let grace = try await desk.signIn("Grace", role: .admin, by: desk.api(acme.adminKeySecret))

      try await desk.waitForWatches(0)
      let bookmark = try await grace.api.watches.watchInbox(WatchInboxRequest(), options: watchOptions) { stream in
        var events = stream.makeAsyncIterator()
        try await desk.waitForWatches(1)
        // Another workspace's messages move the log; Acme's inbox has nothing to show.
        _ = try await people.inbound("hello", id: "wamid.1")
        _ = try await desk.desk.pruneWatchLog()
        return try await events.expectNext()
      }
      #expect(bookmark.kind == .bookmark)
      #expect(bookmark.chat == nil && bookmark.topBar == nil)
      #expect(bookmark.sequence == (try await desk.newestEventSequence()))
    }
  }

  @Test func aWatchThatHasEverythingIsSentNoBookmark() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let chat = try #require(try await people.inbound("hello", id: "wamid.1").chat)

      try await desk.waitForWatches(0)
      let events = try await people.ada.watches.watchChat(WatchChatRequest(chatID: chat.id), options: watchOptions) { stream in
        var events = stream.makeAsyncIterator()
        var seen: [ChatEvent] = []
        func receive(until text: String) async throws {
          repeat { seen.append(try await events.expectNext()) } while seen.last?.message?.text != text
        }
        try await desk.waitForWatches(1)
        _ = try await people.inbound("first", id: "wamid.2")
        try await receive(until: "first")
        // Its last event is the log's newest: the maintenance pass's wake-up finds nothing to
        // tell, and what comes next is the next message's.
        _ = try await desk.desk.pruneWatchLog()
        _ = try await people.inbound("second", id: "wamid.3")
        try await receive(until: "second")
        return seen
      }
      let bookmarks = events.filter { $0.bookmark }.map(\.sequence)
      #expect(bookmarks.isEmpty, "bookmarks at \(bookmarks)")
      #expect(events.compactMap { $0.message?.text } == ["first", "second"])
    }
  }
}

@testable import ChatService
import SwitchboardChatClient
import Testing

/// A watcher that falls further behind than the live notifications hold is sent to the log,
/// and reads from it exactly what it missed: the same events, in the same order, as a watch
/// that replays the log afterwards.
@Suite(.timeLimit(.minutes(1)))
struct SlowWatcherTests {
  @Test func aWatcherTheHubDropsCatchesUpFromTheLogWithNothingLostOrDoubled() async throws {
    try await DeskHarness.with(watchBuffer: 1) { desk in
      let people = try await DeskPeople.make(desk)
      _ = try await people.inbound("hello", from: "5511900000001", id: "wamid.warm-up", name: "Warm Up")
      let users = (0..<40).map { "55119100\(10_000 + $0)" }

      let live = try await people.ada.watches.watchInbox(WatchInboxRequest(afterSequence: 1), options: watchOptions) {
        stream in
        // Forty users write at once: their commits notify many changes at a time, more than
        // the one the hub holds for a watcher here.
        let chats = try await withThrowingTaskGroup(of: String.self) { group in
          for (index, user) in users.enumerated() {
            group.addTask { try #require(try await people.inbound("hello", from: user, id: "wamid.slow.\(index)").chat).id }
          }
          return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        var unseen = chats
        return try await stream.collect { event in
          if let id = event.chat?.id { unseen.remove(id) }
          return unseen.isEmpty
        }
      }
      #expect(desk.desk.desk.hub.droppedWatchers > 0, "the watcher was never dropped: the test proves nothing")

      let sequences = live.map(\.sequence)
      #expect(sequences == sequences.sorted() && Set(sequences).count == sequences.count, "\(sequences)")
      let replay = try await people.ada.watches.watchInbox(WatchInboxRequest(afterSequence: 1), options: watchOptions) {
        stream in try await stream.collect { $0.sequence == sequences.last }
      }
      #expect(replay.map(\.sequence) == sequences)
      #expect(replay.map { $0.chat?.id } == live.map { $0.chat?.id })
    }
  }
}

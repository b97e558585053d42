@testable import ChatService
import Testing

/// A watch reads the log once for every change committed before the read, however many
/// wake-ups those changes queued meanwhile: a busy workspace queues one per message, and
/// reading again for each kept the readers busy with watches that had nothing new to send.
@Suite(.timeLimit(.minutes(1)))
struct WatchWakeUpTests {
  @Test func wakeUpsForWhatAReadAlreadyCoveredReadNothingMore() async throws {
    try await DeskHarness.with { harness in
      let desk = harness.desk.desk
      var reads: [Int64] = []
      try await desk.follow(.chats, workspaceID: 1, from: 0) { after in
        reads.append(after)
        switch reads.count {
        case 1:
          // A hundred commits land while the first read runs, and it sees them all.
          desk.hub.publish(.chats, (1...100).map { EventHub.Entry(sequence: $0, workspaceID: 1, chatID: 1) })
          // Then one more after it: that one needs a read of its own.
          Task { desk.hub.publish(.chats, [EventHub.Entry(sequence: 101, workspaceID: 1, chatID: 1)]) }
          return (100, false, nil)
        default:
          desk.hub.close()
          return (101, false, nil)
        }
      }
      #expect(reads == [0, 100])
    }
  }
}

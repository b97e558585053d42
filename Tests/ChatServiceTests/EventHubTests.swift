@testable import ChatService
import Testing

/// The hub that wakes watches: what a slow watcher costs, and the end of watches at shutdown.
@Suite(.timeLimit(.minutes(1)))
struct EventHubTests {
  func entries(_ sequences: ClosedRange<Int64>, workspace: Int64 = 1) -> [EventHub.Entry] {
    sequences.map { EventHub.Entry(sequence: $0, workspaceID: workspace, chatID: 1) }
  }

  @Test func aWatcherTooFarBehindIsDroppedAfterWhatItCouldHold() async {
    let hub = EventHub(bufferLimit: 4)
    let stream = hub.subscribe(.chats, workspaceID: 1)
    hub.publish(.chats, entries(1...10))
    // It keeps the first four and its stream ends: the watch reads the table from there.
    var seen: [Int64] = []
    for await entry in stream { seen.append(entry.sequence) }
    #expect(seen == [1, 2, 3, 4])
    #expect(hub.subscriberCount == 0)
  }

  @Test func watchersHearOnlyTheirWorkspaceAndLog() async {
    let hub = EventHub()
    let mine = hub.subscribe(.chats, workspaceID: 1)
    let outbox = hub.subscribe(.outbox, workspaceID: 1)
    hub.publish(.chats, entries(1...2, workspace: 2) + entries(3...3))
    hub.publish(.outbox, entries(7...7))
    hub.close()
    #expect(await mine.reduce(into: []) { $0.append($1.sequence) } == [3])
    #expect(await outbox.reduce(into: []) { $0.append($1.sequence) } == [7])
  }

  @Test func aChatWatcherHearsOnlyItsChat() async {
    let hub = EventHub()
    let chat = hub.subscribe(.chats, workspaceID: 1, chatID: 2)
    let inbox = hub.subscribe(.chats, workspaceID: 1)
    hub.publish(.chats, (1...6).map { EventHub.Entry(sequence: $0, workspaceID: 1, chatID: $0 % 3) })
    hub.publish(.chats, [EventHub.Entry(sequence: 7, workspaceID: 2, chatID: 2)])
    hub.close()
    #expect(await chat.reduce(into: []) { $0.append($1.sequence) } == [2, 5])
    #expect(await inbox.reduce(into: []) { $0.append($1.sequence) } == [1, 2, 3, 4, 5, 6])
  }

  @Test func closingEndsEveryWatchAndEveryLaterOne() async {
    let hub = EventHub()
    let open = hub.subscribe(.chats, workspaceID: 1)
    hub.close()
    var count = 0
    for await _ in open { count += 1 }
    #expect(count == 0)
    let late = hub.subscribe(.chats, workspaceID: 1)
    for await _ in late { count += 1 }
    #expect(count == 0)
    #expect(hub.isClosed)
  }
}

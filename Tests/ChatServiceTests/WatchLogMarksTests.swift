@testable import ChatService
import Foundation
import SwitchboardSQLite
import Testing

/// How the store prunes the watch log by the marks of its maintenance passes: only what a mark
/// older than the cutoff covers, never the newest event nor past an open watch, and on through
/// a clock that jumped ahead and came back.
@Suite(.timeLimit(.minutes(1)))
struct WatchLogMarksTests {
  @Test func pruningTakesWhatAnOldEnoughMarkCoversAndNeverTheNewestEvent() throws {
    try withDatabaseFile("marks") { path in
      let db = try SchemaMigrationTests().database(at: StoreSchema.migrations.count, path)
      let log = { (count: Int) in
        for _ in 0..<count { _ = try db.appendEvent(workspaceID: 1, chatID: 1, messageID: nil, kind: .chatUpdated) }
      }
      let marks = { try db.fetchAll("SELECT marked_at, sequence FROM event_marks ORDER BY marked_at", []) { [try $0.int64(0), try $0.int64(1)] } }

      // Nothing logged, nothing to mark.
      try db.markEventLog(now: 100)
      #expect(try marks().isEmpty)

      try log(3)
      try db.markEventLog(now: 100)
      try db.markEventLog(now: 200)  // nothing new since
      try log(2)
      try db.markEventLog(now: 100)  // the same time again
      #expect(try marks() == [[100, 3]])

      // A cutoff before the first mark prunes nothing; after it, what it covers, but never past
      // an open watch's position.
      #expect(try db.pruneEvents(loggedBy: 99, limit: 100) == 0)
      #expect(try db.pruneEvents(loggedBy: 150, limit: 100, keepingAfter: 0) == 0)
      #expect(try db.pruneEvents(loggedBy: 150, limit: 2) == 2)
      #expect(try db.pruneEvents(loggedBy: 150, limit: 2) == 1)
      #expect(try db.pruneEvents(loggedBy: 150, limit: 2) == 0)
      #expect(try db.prunedEventSequence() == 3)
      let refused = #expect(throws: ServiceError.self) { try db.events(workspaceID: 1, chatID: nil, after: 2, limit: 10) }
      #expect(refused?.code == .outOfRange)
      #expect(try db.events(workspaceID: 1, chatID: 1, after: 3, limit: 10).map(\.sequence) == [4, 5])

      // A later mark covers the newest event, which stays; the older mark goes.
      try db.markEventLog(now: 300)
      #expect(try db.pruneEvents(loggedBy: 300, limit: 100) == 1)
      #expect(try marks() == [[300, 5]])
      #expect(try db.events(workspaceID: 1, chatID: nil, after: 4, limit: 10).map(\.sequence) == [5])
      #expect(try db.appendEvent(workspaceID: 1, chatID: 1, messageID: nil, kind: .chatUpdated).sequence == 6)

      // A clock that jumped ahead and came back: the mark it made goes, and marking goes on.
      try db.markEventLog(now: 10_000)
      try log(1)
      try db.markEventLog(now: 400)
      #expect(try marks() == [[300, 5], [400, 7]])
    }
  }

  @Test func aLogFromBeforeVersion7IsWholeAndCanBePruned() throws {
    try withDatabaseFile("marks") { path in
      do {
        let old = try SchemaMigrationTests().database(at: 6, path)
        try old.execute("INSERT INTO events (workspace_id, chat_id, message_id, kind) VALUES (1, 1, NULL, 1), (1, 2, NULL, 1)")
      }
      let db = try SchemaMigrationTests().database(at: StoreSchema.migrations.count, path)
      #expect(try db.prunedEventSequence() == 0)
      #expect(try db.events(workspaceID: 1, chatID: nil, after: 0, limit: 10).map(\.sequence) == [1, 2])
      try db.markEventLog(now: 10)
      #expect(try db.pruneEvents(loggedBy: 10, limit: 10) == 1)
      #expect(try db.events(workspaceID: 1, chatID: 2, after: 1, limit: 10).map(\.sequence) == [2])
    }
  }
}

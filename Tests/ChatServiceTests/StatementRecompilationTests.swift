@testable import ChatService
import SwitchboardChatClient
import SwitchboardSQLite
import Testing

/// The desk's queries are compiled once per connection. SQLite compiles a statement again at
/// every binding of a parameter it compared with a partial index's condition (a section, a
/// status), which cost a list of chats half its time under load; such values are written into
/// the SQL instead, one text per value.
@Suite(.timeLimit(.minutes(1)))
struct StatementRecompilationTests {
  @Test func listsCountsAndTheTopBarAreNeverCompiledAgain() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      _ = try await people.inbound("I want to talk to an agent", id: "wamid.1")
      let recompiled = try await desk.desk.desk.read { db in
        /// Runs every query whose values used to be bound, twice over each value.
        func readEverything() throws {
          for section in SQLiteConnection.sections + SQLiteConnection.sections {
            for viewer in [nil, .some(7), .some(nil)] as [Int64??] {
              _ = try db.chats(
                workspaceID: 1, section: section, tagID: nil, attribute: nil, agentID: nil, text: nil,
                hideAcceptedExceptFor: viewer, after: nil, limit: 20)
            }
            _ = try db.chats(
              workspaceID: 1, section: section, tagID: nil, attribute: nil, agentID: 7, text: "a",
              hideAcceptedExceptFor: .some(7), after: PageCursor(key: .max, id: .max), limit: 20)
            _ = try db.sectionCounts(workspaceID: 1, agentID: 7)
            _ = try db.sectionCounts(workspaceID: 1, agentID: nil)
            _ = try db.chatsToExpire(workspaceID: 1, cutoff: 0, limit: 10)
            _ = try db.topBar(workspaceID: 1, agentID: 7)
            _ = try db.contactIDs(
              workspaceID: 1, tagID: nil, attribute: nil, hideAcceptedExceptFor: .some(7), after: nil, limit: 20)
            _ = try db.pendingOutbound(chatID: 1, workspaceID: 1)
          }
        }
        try readEverything()
        let before = db.statementsRecompiled
        try readEverything()
        return db.statementsRecompiled - before
      }
      #expect(recompiled == 0)
    }
  }
}

import SwitchboardSQLite
import Testing

/// The check every harness test ends with, since the desk leaves foreign keys to its code.
@Suite(.timeLimit(.minutes(1)))
struct DanglingReferenceCheckTests {
  @Test func theCheckReportsARowWhoseReferenceIsGone() async throws {
    try await DeskHarness.with { harness in
      var unchecked = SQLiteConfiguration()
      unchecked.foreignKeys = false
      let db = try SQLiteConnection(path: harness.directory + "/desk.sqlite", configuration: unchecked)
      try db.execute("INSERT INTO journey (workspace_id, contact_id, event) VALUES (1, 999, x'')")
      withKnownIssue("a journey event of contact 999, which does not exist") {
        try harness.expectNoDanglingReferences()
      }
      try db.execute("DELETE FROM journey WHERE contact_id = 999")
      try harness.expectNoDanglingReferences()
    }
  }
}

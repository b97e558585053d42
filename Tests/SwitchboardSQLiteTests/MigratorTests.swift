import Synchronization
import SwitchboardSQLite
import Testing

/// The versions of the migrations that ran, in order.
final class MigrationLog: Sendable {
  private let state = Mutex<[Int]>([])
  func append(_ version: Int) { state.withLock { $0.append(version) } }
  var entries: [Int] { state.withLock { $0 } }
}

@Suite(.timeLimit(.minutes(1)))
struct MigratorTests {
  /// Three migrations that record the order they ran in, in `log`.
  func migrator(log: MigrationLog) -> Migrator {
    var migrator = Migrator()
    migrator.register(version: 1, name: "create items") { db in
      log.append(1)
      try createItems(db)
    }
    migrator.register(version: 2, name: "create notes") { db in
      log.append(2)
      try db.execute("CREATE TABLE notes (item INTEGER NOT NULL REFERENCES items(id), body TEXT)")
    }
    migrator.register(version: 5, name: "index notes") { db in
      log.append(5)
      try db.execute("CREATE INDEX notes_by_item ON notes(item)")
    }
    return migrator
  }

  @Test func migrationsApplyOnceInOrder() async throws {
    try await withTemporaryDatabasePath { path in
      let log = MigrationLog()
      do {
        let db = try SQLiteConnection(path: path)
        #expect(try Migrator.userVersion(of: db) == 0)
        #expect(try migrator(log: log).migrate(db) == [1, 2, 5])
        #expect(try Migrator.userVersion(of: db) == 5)
      }
      let reopened = try SQLiteConnection(path: path)
      #expect(try migrator(log: log).migrate(reopened) == [])
      #expect(log.entries == [1, 2, 5])
      #expect(try reopened.fetchOne("SELECT count(*) FROM sqlite_master WHERE name = 'notes_by_item'") {
        try $0.int(0)
      } == 1)
    }
  }

  @Test func aLaterBuildAppliesOnlyItsNewMigrations() throws {
    let db = try SQLiteConnection(path: ":memory:")
    let log = MigrationLog()
    var old = Migrator()
    old.register(version: 1, name: "create items") { db in try createItems(db) }
    try old.migrate(db)
    var new = migrator(log: log)
    new.register(version: 6, name: "seed") { db in
      try db.execute("INSERT INTO items (key) VALUES ('seed')")
    }
    // Version 1 is in the file already; 2, 5 and 6 are new.
    #expect(try new.migrate(db) == [2, 5, 6])
    #expect(log.entries == [2, 5])
    #expect(try itemCount(db) == 1)
  }

  @Test func aDatabaseNewerThanTheMigratorIsRefusedUntouched() throws {
    let db = try SQLiteConnection(path: ":memory:")
    try db.execute("PRAGMA user_version = 9")
    let log = MigrationLog()
    let error = #expect(throws: MigrationError.self) {
      try migrator(log: log).migrate(db)
    }
    guard case .databaseIsNewer(let databaseVersion, let known) = error else {
      Issue.record("expected databaseIsNewer, got \(String(describing: error))")
      return
    }
    #expect(databaseVersion == 9)
    #expect(known == 5)
    #expect("\(error!)".contains("schema version 9"))
    #expect("\(error!)".contains("up to 5"))
    #expect(log.entries.isEmpty)
    #expect(try Migrator.userVersion(of: db) == 9)
  }

  @Test func aFailedMigrationIsRolledBackAndNamed() throws {
    let db = try SQLiteConnection(path: ":memory:")
    var migrator = Migrator()
    migrator.register(version: 1, name: "create items") { db in try createItems(db) }
    migrator.register(version: 2, name: "half done") { db in
      try db.execute("CREATE TABLE half (x)")
      try db.execute("CREATE TABLE items (x)")  // exists already: fails
    }
    let error = #expect(throws: MigrationError.self) { try migrator.migrate(db) }
    guard case .migrationFailed(let version, let name, let cause) = error else {
      Issue.record("expected migrationFailed, got \(String(describing: error))")
      return
    }
    #expect(version == 2)
    #expect(name == "half done")
    #expect((cause as? SQLiteError)?.message.contains("already exists") == true)
    #expect(try Migrator.userVersion(of: db) == 1)
    #expect(try db.fetchOne("SELECT count(*) FROM sqlite_master WHERE name = 'half'") {
      try $0.int(0)
    } == 0)
  }
}

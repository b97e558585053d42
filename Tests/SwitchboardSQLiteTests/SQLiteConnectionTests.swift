import SwitchboardSQLite
import Testing

@Suite(.timeLimit(.minutes(1)))
struct SQLiteConnectionTests {
  @Test func createsTheFileAndKeepsDataAcrossReopening() async throws {
    try await withTemporaryDatabasePath { path in
      do {
        let db = try SQLiteConnection(path: path)
        try createItems(db)
        try db.execute("INSERT INTO items (key, n) VALUES (?, ?)", ["a", 1])
      }
      let reopened = try SQLiteConnection(path: path)
      let rows = try reopened.fetchAll("SELECT key, n FROM items") { row in
        (try row.string(0), try row.int(1))
      }
      #expect(rows.map(\.0) == ["a"])
      #expect(rows.map(\.1) == [1])
    }
  }

  @Test func fileDatabasesUseWALWithTheConfiguredPragmas() async throws {
    try await withTemporaryDatabasePath { path in
      let db = try SQLiteConnection(path: path)
      #expect(try db.fetchOne("PRAGMA journal_mode") { try $0.string(0) } == "wal")
      #expect(try db.fetchOne("PRAGMA synchronous") { try $0.int(0) } == 1)  // NORMAL
      #expect(try db.fetchOne("PRAGMA foreign_keys") { try $0.int(0) } == 1)
      #expect(try db.fetchOne("PRAGMA busy_timeout") { try $0.int(0) } == 5000)

      var full = SQLiteConfiguration()
      full.synchronous = .full
      full.busyTimeout = .milliseconds(250)
      let other = try SQLiteConnection(path: path, configuration: full)
      #expect(try other.fetchOne("PRAGMA synchronous") { try $0.int(0) } == 2)  // FULL
      #expect(try other.fetchOne("PRAGMA busy_timeout") { try $0.int(0) } == 250)
    }
  }

  /// A new file gets the configured page size; a file that exists keeps the one it has.
  @Test func aNewFileTakesTheConfiguredPageSizeAndAnOldOneKeepsItsOwn() async throws {
    try await withTemporaryDatabasePath { path in
      let pageSize = "PRAGMA page_size"
      do {
        let db = try SQLiteConnection(path: path)
        try createItems(db)
        #expect(try db.fetchOne(pageSize) { try $0.int(0) } == 2_048)
      }
      var larger = SQLiteConfiguration()
      larger.pageSize = 8_192
      let reopened = try SQLiteConnection(path: path, configuration: larger)
      #expect(try reopened.fetchOne(pageSize) { try $0.int(0) } == 2_048)
      #expect(try reopened.fetchOne("PRAGMA integrity_check") { try $0.string(0) } == "ok")

      let other = try SQLiteConnection(path: path + ".other", configuration: larger)
      try createItems(other)
      #expect(try other.fetchOne(pageSize) { try $0.int(0) } == 8_192)
    }
  }

  @Test func openingInAMissingDirectoryFailsWithCantOpen() throws {
    let error = #expect(throws: SQLiteError.self) {
      _ = try SQLiteConnection(path: "/nonexistent-switchboard-dir/x.sqlite")
    }
    #expect(error?.code == .cantOpen)
    #expect(error?.message.contains("/nonexistent-switchboard-dir/x.sqlite") == true)
  }

  @Test func theStatementCacheCompilesEachSQLTextOnce() throws {
    let db = try SQLiteConnection(path: ":memory:")
    try createItems(db)
    let before = db.statementsPrepared
    for n in 0..<10 {
      try db.execute("INSERT INTO items (key, n) VALUES (?, ?)", ["k\(n)", n])
    }
    #expect(db.statementsPrepared == before + 1)
    for _ in 0..<10 { _ = try itemCount(db) }
    #expect(db.statementsPrepared == before + 2)
    #expect(try itemCount(db) == 10)
  }

  /// SQLite compiles a statement again at every new binding of a parameter it compared with
  /// a partial index's condition: the counter shows it, and a constant in the text avoids it.
  @Test func aParameterComparedWithAPartialIndexRecompilesItsStatementAtEveryBinding() throws {
    let db = try SQLiteConnection(path: ":memory:")
    try db.execute(
      """
      CREATE TABLE tickets (id INTEGER PRIMARY KEY, state INTEGER NOT NULL, opened INTEGER NOT NULL);
      CREATE INDEX open_tickets ON tickets (opened) WHERE state = 2
      """)
    let bound = "SELECT count(*) FROM tickets WHERE state = ? AND opened > 0"
    for state in [1, 2, 1, 2] { _ = try db.fetchOne(bound, [state]) { try $0.int64(0) } }
    #expect(db.statementsRecompiled >= 3)

    let before = db.statementsRecompiled
    for state in [1, 2, 1, 2] {
      _ = try db.fetchOne("SELECT count(*) FROM tickets WHERE state = \(state) AND opened > ?", [0]) { try $0.int64(0) }
    }
    #expect(db.statementsRecompiled == before)
  }

  @Test func theSameSQLInsideItsOwnRowLoopGetsAFreshStatement() throws {
    let db = try SQLiteConnection(path: ":memory:")
    try createItems(db)
    for n in 1...3 { try db.execute("INSERT INTO items (key, n) VALUES (?, ?)", ["k\(n)", n]) }
    let sql = "SELECT n FROM items WHERE n >= ? ORDER BY n"
    var pairs: [[Int]] = []
    try db.forEachRow(sql, [1]) { outer in
      let n = try outer.int(0)
      pairs.append(try db.fetchAll(sql, [n]) { try $0.int(0) })
    }
    // Had the inner query reset the outer statement, the outer loop would restart or stop.
    #expect(pairs == [[1, 2, 3], [2, 3], [3]])
  }

  @Test func scriptsRunEveryStatementButTakeNoArguments() throws {
    let db = try SQLiteConnection(path: ":memory:")
    try db.execute(
      """
      CREATE TABLE a (x INTEGER);
      CREATE TABLE b (y INTEGER);
      INSERT INTO a VALUES (1); -- a comment
      INSERT INTO b VALUES (2);
      """)
    #expect(try db.fetchOne("SELECT x FROM a") { try $0.int(0) } == 1)
    #expect(try db.fetchOne("SELECT y FROM b") { try $0.int(0) } == 2)
    let error = #expect(throws: SQLiteError.self) {
      try db.execute("INSERT INTO a VALUES (?); INSERT INTO b VALUES (?)", [1, 2])
    }
    #expect(error?.code == .misuse)
  }

  @Test func errorsCarryTheCodesSQLitesMessageAndTheSQL() throws {
    let db = try SQLiteConnection(path: ":memory:")
    let error = #expect(throws: SQLiteError.self) {
      try db.execute("SELEKT 1", [])
    }
    #expect(error?.code == .error)
    #expect(error?.message.contains("syntax error") == true)
    #expect(error?.sql == "SELEKT 1")
    #expect(error.map { "\($0)" }?.contains("SELEKT 1") == true)

    let missing = #expect(throws: SQLiteError.self) {
      try db.execute("INSERT INTO nowhere VALUES (1)")
    }
    #expect(missing?.message == "no such table: nowhere")
  }

  @Test func uniqueViolationsAreRecognisedAndOtherConstraintsAreNot() throws {
    let db = try SQLiteConnection(path: ":memory:")
    try createItems(db)
    try db.execute("INSERT INTO items (id, key) VALUES (1, 'a')")

    let duplicateKey = #expect(throws: SQLiteError.self) {
      try db.execute("INSERT INTO items (key) VALUES (?)", ["a"])
    }
    #expect(duplicateKey?.code == .constraint)
    #expect(duplicateKey?.extendedCode == .constraintUnique)
    #expect(duplicateKey?.isUniqueConstraintViolation == true)

    let duplicateID = #expect(throws: SQLiteError.self) {
      try db.execute("INSERT INTO items (id, key) VALUES (1, 'b')")
    }
    #expect(duplicateID?.extendedCode == .constraintPrimaryKey)
    #expect(duplicateID?.isUniqueConstraintViolation == true)

    let nullKey = #expect(throws: SQLiteError.self) {
      try db.execute("INSERT INTO items (key) VALUES (NULL)")
    }
    #expect(nullKey?.extendedCode == .constraintNotNull)
    #expect(nullKey?.isUniqueConstraintViolation == false)
  }

  @Test func aWrongArgumentCountIsRefusedRatherThanBoundAsNull() throws {
    let db = try SQLiteConnection(path: ":memory:")
    try createItems(db)
    let tooFew = #expect(throws: SQLiteError.self) {
      try db.execute("INSERT INTO items (key, n) VALUES (?, ?)", ["a"])
    }
    #expect(tooFew?.code == .range)
    #expect(throws: SQLiteError.self) {
      try db.execute("INSERT INTO items (key, n) VALUES (?, ?)", ["a", 1, 2])
    }
    #expect(try itemCount(db) == 0)
  }

  @Test func lastInsertRowIDAndChangesDescribeTheLastStatement() throws {
    let db = try SQLiteConnection(path: ":memory:")
    try createItems(db)
    try db.execute("INSERT INTO items (key, n) VALUES ('a', 1)")
    #expect(db.lastInsertRowID == 1)
    try db.execute("INSERT INTO items (key, n) VALUES ('b', 1)")
    #expect(db.lastInsertRowID == 2)
    #expect(db.changes == 1)
    try db.execute("UPDATE items SET n = n + 1 WHERE n = ?", [1])
    #expect(db.changes == 2)
    #expect(db.totalChanges == 4)
  }

  @Test func aReadOnlyConnectionRefusesWrites() async throws {
    try await withTemporaryDatabasePath { path in
      let writer = try SQLiteConnection(path: path)
      try createItems(writer)
      let reader = try SQLiteConnection(path: path, readOnly: true)
      #expect(reader.isReadOnly)
      #expect(try itemCount(reader) == 0)
      let error = #expect(throws: SQLiteError.self) {
        try reader.execute("INSERT INTO items (key) VALUES ('a')")
      }
      #expect(error?.code == .readOnly)
    }
  }
}

import SwitchboardSQLite
import Testing

@Suite(.timeLimit(.minutes(1)))
struct TransactionTests {
  let db: SQLiteConnection

  init() throws {
    db = try SQLiteConnection(path: ":memory:")
    try createItems(db)
  }

  @Test func aTransactionCommitsWhenItsBodyReturns() throws {
    let id = try db.transaction { db in
      #expect(db.isInTransaction)
      try db.execute("INSERT INTO items (key) VALUES ('a')")
      return db.lastInsertRowID
    }
    #expect(id == 1)
    #expect(!db.isInTransaction)
    #expect(try itemCount(db) == 1)
  }

  @Test func aTransactionRollsBackWhenItsBodyThrows() throws {
    #expect(throws: Boom()) {
      try db.transaction { db in
        try db.execute("INSERT INTO items (key) VALUES ('a')")
        throw Boom()
      }
    }
    #expect(!db.isInTransaction)
    #expect(try itemCount(db) == 0)
  }

  @Test func aFailedStatementRollsBackTheWholeTransaction() throws {
    try db.execute("INSERT INTO items (key) VALUES ('taken')")
    let error = #expect(throws: SQLiteError.self) {
      try db.transaction { db in
        try db.execute("INSERT INTO items (key) VALUES ('new')")
        try db.execute("INSERT INTO items (key) VALUES ('taken')")
      }
    }
    #expect(error?.isUniqueConstraintViolation == true)
    #expect(try itemCount(db) == 1)
  }

  @Test func aSavepointRollsBackAloneAndTheTransactionGoesOn() throws {
    try db.transaction { db in
      try db.execute("INSERT INTO items (key) VALUES ('kept')")
      #expect(throws: Boom()) {
        try db.savepoint { db in
          try db.execute("INSERT INTO items (key) VALUES ('dropped')")
          throw Boom()
        }
      }
      #expect(db.isInTransaction)
      try db.savepoint { db in
        try db.execute("INSERT INTO items (key) VALUES ('nested')")
      }
    }
    let keys = try db.fetchAll("SELECT key FROM items ORDER BY id") { try $0.string(0) }
    #expect(keys == ["kept", "nested"])
  }

  @Test func transactionsDoNotNest() throws {
    #expect(throws: SQLiteError.self) {
      try db.transaction { db in
        try db.transaction { _ in }
      }
    }
    #expect(!db.isInTransaction)
  }
}

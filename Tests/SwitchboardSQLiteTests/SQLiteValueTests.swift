import SwitchboardSQLite
import Testing

/// Every bindable type goes in and comes out the same, through the typed readers and as the
/// storage class SQLite chose.
@Suite(.timeLimit(.minutes(1)))
struct SQLiteValueTests {
  let db: SQLiteConnection

  init() throws {
    db = try SQLiteConnection(path: ":memory:")
    try db.execute("CREATE TABLE v (x)")  // no declared type: SQLite keeps the bound class
  }

  /// Stores `value` alone and returns what reading it back with `read` gives, and its class.
  func roundTrip<T>(
    _ value: (any SQLiteBindable)?, _ read: (SQLiteRow) throws -> T
  ) throws -> (T, SQLiteValue) {
    try db.execute("DELETE FROM v")
    try db.execute("INSERT INTO v VALUES (?)", [value])
    let result = try db.fetchOne("SELECT x FROM v") { row in (try read(row), row.value(0)) }
    return try #require(result)
  }

  @Test(arguments: [Int64.min, -1, 0, 1, Int64.max])
  func int64(_ value: Int64) throws {
    let (read, stored) = try roundTrip(value) { try $0.int64(0) }
    #expect(read == value)
    #expect(stored == .integer(value))
  }

  @Test func int() throws {
    let (read, stored) = try roundTrip(Int.max) { try $0.int(0) }
    #expect(read == .max)
    #expect(stored == .integer(Int64(Int.max)))
  }

  @Test(arguments: [0.0, -0.5, 3.141592653589793, 1e300, -.infinity, .leastNonzeroMagnitude])
  func double(_ value: Double) throws {
    let (read, stored) = try roundTrip(value) { try $0.double(0) }
    #expect(read == value)
    #expect(stored == .real(value))
  }

  @Test(arguments: [
    "", "plain", "héllo wörld", "日本語のテキスト", "👩‍👩‍👧‍👦 family", "e\u{301}", "nul\u{0}inside", "'; DROP TABLE v; --",
  ])
  func string(_ value: String) throws {
    let (read, stored) = try roundTrip(value) { try $0.string(0) }
    #expect(read == value)
    #expect(read.utf8.count == value.utf8.count)
    #expect(stored == .text(value))
  }

  @Test(arguments: [[], [0], [0, 255, 0], Array(0...255)] as [[UInt8]])
  func bytes(_ value: [UInt8]) throws {
    let (read, stored) = try roundTrip(value) { try $0.bytes(0) }
    #expect(read == value)
    #expect(stored == .blob(value))  // an empty blob stays a blob, not NULL
  }

  @Test(arguments: [true, false])
  func bool(_ value: Bool) throws {
    let (read, stored) = try roundTrip(value) { try $0.bool(0) }
    #expect(read == value)
    #expect(stored == .integer(value ? 1 : 0))
  }

  @Test func sqliteValuesBindAsThemselves() throws {
    for value: SQLiteValue in [.null, .integer(7), .real(2.5), .text("t"), .blob([1, 2])] {
      let (read, stored) = try roundTrip(value) { $0.value(0) }
      #expect(read == value)
      #expect(stored == value)
    }
  }

  @Test func nilBindsNullAndOptionalReadersReturnNil() throws {
    let (read, stored) = try roundTrip(nil) { row in
      [
        row.optionalInt64(0) as Any?, row.optionalInt(0), row.optionalDouble(0),
        row.optionalString(0), row.optionalBytes(0), row.optionalBool(0),
      ]
    }
    #expect(read.allSatisfy { $0 == nil })
    #expect(stored == .null)
    let optional: String? = nil
    let (isNull, _) = try roundTrip(optional) { $0.isNull(0) }
    #expect(isNull)
  }

  @Test func optionalReadersReturnPresentValues() throws {
    let present: String? = "here"
    let (read, _) = try roundTrip(present) { $0.optionalString(0) }
    #expect(read == "here")
    let (bytes, _) = try roundTrip([UInt8]()) { $0.optionalBytes(0) }
    #expect(bytes == [])
  }

  @Test func readingNullAsANonOptionalThrowsMismatch() throws {
    try db.execute("INSERT INTO v VALUES (NULL)")
    let error = #expect(throws: SQLiteError.self) {
      _ = try db.fetchOne("SELECT x AS body FROM v") { try $0.string(0) }
    }
    #expect(error?.code == .mismatch)
    #expect(error?.message.contains("body") == true)
  }

  @Test func columnNamesAndCount() throws {
    let names = try db.fetchOne("SELECT 1 AS one, 2 AS two") { row in
      (0..<row.columnCount).map { row.columnName($0) }
    }
    #expect(names == ["one", "two"])
  }

  /// The binder form binds the same storage classes as the array form, NULL for nil.
  @Test func theBinderBindsEachTypeAsTheArrayDoes() throws {
    try db.execute("CREATE TABLE w (a, b, c, d, e, f, g, h)")
    let none: String? = nil
    try db.execute("INSERT INTO w VALUES (?, ?, ?, ?, ?, ?, ?, ?)") { arguments in
      try arguments.bind(Int64(-3))
      try arguments.bind(42)
      try arguments.bind(true)
      try arguments.bind(0.5)
      try arguments.bind("héllo")
      try arguments.bind([UInt8]())
      try arguments.bind(none)
      try arguments.bind(SQLiteValue.blob([9]))
    }
    let row = try db.fetchOne("SELECT * FROM w") { row in (0..<8).map { row.value($0) } }
    #expect(row == [.integer(-3), .integer(42), .integer(1), .real(0.5), .text("héllo"), .blob([]), .null, .blob([9])])
  }

  /// A forgotten or extra argument is an error naming the counts, never a silent NULL.
  @Test func theBinderRefusesTooFewOrTooManyArguments() throws {
    let tooFew = #expect(throws: SQLiteError.self) {
      try db.execute("INSERT INTO v VALUES (?)") { _ in }
    }
    #expect(tooFew?.code == .range)
    #expect(tooFew?.message == "0 arguments for 1 parameters")
    let tooMany = #expect(throws: SQLiteError.self) {
      try db.execute("INSERT INTO v VALUES (?)") { arguments in
        try arguments.bind(1)
        try arguments.bind(2)
      }
    }
    #expect(tooMany?.code == .range)
    #expect(try db.fetchOne("SELECT count(*) FROM v") { try $0.int(0) } == 0)
  }
}

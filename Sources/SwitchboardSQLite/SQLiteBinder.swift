internal import CSQLite

/// Binds a statement's parameters in order, each with its own typed call.
///
/// The array form (`[(any SQLiteBindable)?]`) boxes every argument in an existential and
/// allocates the array; for the few statements a hot path runs thousands of times a second
/// (the inbound message's INSERTs and UPDATE), that was a tenth of the writer's time. This
/// form binds straight from the values:
///
/// ```swift
/// try db.execute("INSERT INTO notes (id, body) VALUES (?, ?)") { arguments in
///   try arguments.bind(7)
///   try arguments.bind("hi")
/// }
/// ```
///
/// ``SQLiteConnection/execute(_:binding:)`` checks afterwards that every parameter got a
/// value, so a forgotten one is an error rather than a silent NULL.
public struct SQLiteBinder: ~Copyable {
  private let statement: SQLiteStatement
  /// How many parameters are bound so far: the next one is `count + 1`.
  private(set) var count: Int32 = 0

  /// Resets `statement` and clears its earlier bindings.
  init(_ statement: SQLiteStatement) {
    self.statement = statement
    sqlite3_reset(statement.handle)
    sqlite3_clear_bindings(statement.handle)
  }

  /// Binds an integer.
  public mutating func bind(_ value: Int64) throws {
    try advance(sqlite3_bind_int64(statement.handle, count + 1, value))
  }

  /// Binds an integer, or NULL.
  public mutating func bind(_ value: Int64?) throws {
    guard let value else { return try bindNull() }
    try bind(value)
  }

  /// Binds an integer.
  public mutating func bind(_ value: Int) throws { try bind(Int64(value)) }

  /// Binds 1 or 0, as SQLite stores `TRUE` and `FALSE`.
  public mutating func bind(_ value: Bool) throws { try bind(Int64(value ? 1 : 0)) }

  /// Binds a real.
  public mutating func bind(_ value: Double) throws {
    try advance(sqlite3_bind_double(statement.handle, count + 1, value))
  }

  /// Binds UTF-8 text (SQLite copies it).
  public mutating func bind(_ value: String) throws {
    var text = value
    let index = count + 1
    let handle = statement.handle
    try advance(
      text.withUTF8 { utf8 in
        sqlite3_bind_text64(handle, index, utf8.baseAddress, UInt64(utf8.count), transientDestructor, UInt8(SQLITE_UTF8))
      })
  }

  /// Binds UTF-8 text, or NULL.
  public mutating func bind(_ value: String?) throws {
    guard let value else { return try bindNull() }
    try bind(value)
  }

  /// Binds a blob (SQLite copies it); an empty array is an empty blob, not NULL.
  public mutating func bind(_ bytes: [UInt8]) throws {
    let index = count + 1
    let handle = statement.handle
    // A NULL pointer would bind NULL, so an empty blob is bound as a zero-length one.
    try advance(
      bytes.isEmpty
        ? sqlite3_bind_zeroblob(handle, index, 0)
        : bytes.withUnsafeBytes { raw in
          sqlite3_bind_blob64(handle, index, raw.baseAddress, UInt64(raw.count), transientDestructor)
        })
  }

  /// Binds a blob, or NULL.
  public mutating func bind(_ bytes: [UInt8]?) throws {
    guard let bytes else { return try bindNull() }
    try bind(bytes)
  }

  /// Binds a value of any storage class.
  public mutating func bind(_ value: SQLiteValue) throws {
    switch value {
    case .null: try bindNull()
    case .integer(let value): try bind(value)
    case .real(let value): try bind(value)
    case .text(let value): try bind(value)
    case .blob(let bytes): try bind(bytes)
    }
  }

  /// Binds NULL.
  public mutating func bindNull() throws {
    try advance(sqlite3_bind_null(statement.handle, count + 1))
  }

  /// Throws unless every parameter of the statement got a value.
  func finish() throws {
    guard Int(count) == statement.parameterCount else {
      throw SQLiteError(
        code: .range, message: "\(count) arguments for \(statement.parameterCount) parameters", sql: statement.sql)
    }
  }

  private mutating func advance(_ resultCode: Int32) throws {
    guard resultCode == SQLITE_OK else {
      if resultCode == SQLITE_RANGE {
        let parameters = statement.parameterCount
        throw SQLiteError(
          code: .range, message: "more than \(parameters) arguments for \(parameters) parameters", sql: statement.sql)
      }
      throw SQLiteError(resultCode: resultCode, connection: sqlite3_db_handle(statement.handle), sql: statement.sql)
    }
    count += 1
  }
}

/// `SQLITE_TRANSIENT`: SQLite copies the bytes before the bind call returns. The C macro is a
/// cast of -1 to a function pointer, which Swift does not import.
let transientDestructor = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

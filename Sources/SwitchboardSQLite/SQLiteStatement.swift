internal import CSQLite

/// A compiled SQL statement of one connection.
///
/// Get one from ``SQLiteConnection/prepare(_:)``, which caches it by its SQL text, so running
/// the same SQL again skips parsing and planning. Binding resets the statement; running it to
/// the end resets it again, so a cached statement never holds a WAL snapshot open between uses.
/// Confined, like its connection, to one thread at a time.
public final class SQLiteStatement {
  /// The `sqlite3_stmt *`.
  let handle: OpaquePointer

  /// The SQL the statement was compiled from.
  public let sql: String

  init(handle: OpaquePointer, sql: String) {
    self.handle = handle
    self.sql = sql
  }

  deinit {
    sqlite3_finalize(handle)
  }

  /// How many `?` parameters the statement has.
  public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

  /// How many columns each row has.
  public var columnCount: Int { Int(sqlite3_column_count(handle)) }

  /// Whether the statement is part-way through its rows (stepped, not yet reset).
  var isBusy: Bool { sqlite3_stmt_busy(handle) != 0 }

  /// Resets the statement and binds `arguments` to its parameters, by position.
  ///
  /// - Throws: ``SQLiteError`` with ``SQLiteResultCode/range`` when the count of arguments is not
  ///   the count of parameters, so a forgotten argument is never bound as NULL silently.
  public func bind(_ arguments: [(any SQLiteBindable)?]) throws {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
    guard arguments.count == parameterCount else {
      throw SQLiteError(
        code: .range,
        message: "\(arguments.count) arguments for \(parameterCount) parameters",
        sql: sql
      )
    }
    for (offset, argument) in arguments.enumerated() {
      let index = Int32(offset + 1)
      let resultCode: Int32
      switch argument?.sqliteValue ?? .null {
      case .null:
        resultCode = sqlite3_bind_null(handle, index)
      case .integer(let value):
        resultCode = sqlite3_bind_int64(handle, index, value)
      case .real(let value):
        resultCode = sqlite3_bind_double(handle, index, value)
      case .text(let value):
        var text = value
        resultCode = text.withUTF8 { utf8 in
          sqlite3_bind_text64(
            handle, index, utf8.baseAddress, UInt64(utf8.count), transientDestructor,
            UInt8(SQLITE_UTF8))
        }
      case .blob(let bytes):
        // A NULL pointer would bind NULL, so an empty blob is bound as a zero-length one.
        resultCode =
          bytes.isEmpty
          ? sqlite3_bind_zeroblob(handle, index, 0)
          : bytes.withUnsafeBytes { raw in
            sqlite3_bind_blob64(handle, index, raw.baseAddress, UInt64(raw.count), transientDestructor)
          }
      }
      guard resultCode == SQLITE_OK else {
        throw SQLiteError(resultCode: resultCode, connection: sqlite3_db_handle(handle), sql: sql)
      }
    }
  }

  /// Runs the statement to completion, ignoring any rows: for INSERT, UPDATE, DELETE and DDL.
  public func run() throws {
    defer { sqlite3_reset(handle) }
    while try step() {}
  }

  /// Calls `body` with each row, then resets the statement.
  ///
  /// The row is valid only during the call: read what you need from it there.
  public func forEachRow(_ body: (SQLiteRow) throws -> Void) throws {
    defer { sqlite3_reset(handle) }
    while try step() {
      try body(SQLiteRow(statement: self))
    }
  }

  /// The first row turned into a value by `transform`, or nil when there is none; the other
  /// rows are not computed.
  public func firstRow<T>(_ transform: (SQLiteRow) throws -> T) throws -> T? {
    defer { sqlite3_reset(handle) }
    return try step() ? transform(SQLiteRow(statement: self)) : nil
  }

  /// Advances to the next row: true when there is one, false when the statement is done.
  private func step() throws -> Bool {
    switch sqlite3_step(handle) {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    case let resultCode:
      throw SQLiteError(resultCode: resultCode, connection: sqlite3_db_handle(handle), sql: sql)
    }
  }
}

@available(*, unavailable, message: "a statement belongs to its connection's thread")
extension SQLiteStatement: Sendable {}

/// `SQLITE_TRANSIENT`: SQLite copies the bytes before the bind call returns. The C macro is a
/// cast of -1 to a function pointer, which Swift does not import.
private let transientDestructor = unsafeBitCast(
  OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

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

  /// How many times SQLite compiled the statement again before running it: after a schema
  /// change, or because its plan depended on the value bound to a parameter (one compared with
  /// the condition of a partial index, say), in which case every new binding costs a full
  /// parse and plan.
  var recompilations: Int { Int(sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_REPREPARE, 0)) }

  /// Resets the statement and binds `arguments` to its parameters, by position.
  ///
  /// - Throws: ``SQLiteError`` with ``SQLiteResultCode/range`` when the count of arguments is not
  ///   the count of parameters, so a forgotten argument is never bound as NULL silently.
  public func bind(_ arguments: [(any SQLiteBindable)?]) throws {
    var binder = SQLiteBinder(self)
    guard arguments.count == parameterCount else {
      throw SQLiteError(
        code: .range,
        message: "\(arguments.count) arguments for \(parameterCount) parameters",
        sql: sql
      )
    }
    for argument in arguments {
      try binder.bind(argument?.sqliteValue ?? .null)
    }
  }

  /// Resets the statement and binds its parameters with `body`, in order.
  ///
  /// - Throws: ``SQLiteError`` with ``SQLiteResultCode/range`` when `body` binds more or fewer
  ///   values than the statement has parameters.
  public func bind(_ body: (inout SQLiteBinder) throws -> Void) throws {
    var binder = SQLiteBinder(self)
    try body(&binder)
    try binder.finish()
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

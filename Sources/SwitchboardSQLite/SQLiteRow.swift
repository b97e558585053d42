internal import CSQLite

/// The current row of a statement, read by column index (0-based).
///
/// Valid only inside the closure it is passed to. Non-optional readers throw
/// ``SQLiteResultCode/mismatch`` on NULL rather than invent a zero or an empty string; read a
/// nullable column with the `optional` variants. Other types convert as SQLite converts them
/// (text "12" read as an integer is 12).
public struct SQLiteRow {
  let statement: SQLiteStatement

  private var handle: OpaquePointer { statement.handle }

  /// How many columns the row has.
  public var columnCount: Int { Int(sqlite3_column_count(handle)) }

  /// The name of column `index` (its `AS` alias when it has one).
  public func columnName(_ index: Int) -> String {
    String(cString: sqlite3_column_name(handle, column(index)))
  }

  /// Whether column `index` is NULL.
  public func isNull(_ index: Int) -> Bool {
    sqlite3_column_type(handle, column(index)) == SQLITE_NULL
  }

  /// Column `index` as whatever SQLite stored.
  public func value(_ index: Int) -> SQLiteValue {
    let column = column(index)
    switch sqlite3_column_type(handle, column) {
    case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
    case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
    case SQLITE_TEXT: return .text(text(column))
    case SQLITE_BLOB: return .blob(blob(column))
    default: return .null
    }
  }

  /// Column `index` as a 64-bit integer.
  public func int64(_ index: Int) throws -> Int64 {
    try requireNonNull(index)
    return sqlite3_column_int64(handle, column(index))
  }

  /// Column `index` as an Int.
  public func int(_ index: Int) throws -> Int { Int(try int64(index)) }

  /// Column `index` as a Double.
  public func double(_ index: Int) throws -> Double {
    try requireNonNull(index)
    return sqlite3_column_double(handle, column(index))
  }

  /// Column `index` as UTF-8 text.
  public func string(_ index: Int) throws -> String {
    try requireNonNull(index)
    return text(column(index))
  }

  /// Column `index` as bytes; an empty blob is `[]`.
  public func bytes(_ index: Int) throws -> [UInt8] {
    try requireNonNull(index)
    return blob(column(index))
  }

  /// Column `index` as a Bool: any non-zero integer is true.
  public func bool(_ index: Int) throws -> Bool { try int64(index) != 0 }

  /// Column `index` as a 64-bit integer, nil for NULL.
  public func optionalInt64(_ index: Int) -> Int64? {
    isNull(index) ? nil : sqlite3_column_int64(handle, column(index))
  }

  /// Column `index` as an Int, nil for NULL.
  public func optionalInt(_ index: Int) -> Int? { optionalInt64(index).map { Int($0) } }

  /// Column `index` as a Double, nil for NULL.
  public func optionalDouble(_ index: Int) -> Double? {
    isNull(index) ? nil : sqlite3_column_double(handle, column(index))
  }

  /// Column `index` as UTF-8 text, nil for NULL.
  public func optionalString(_ index: Int) -> String? {
    isNull(index) ? nil : text(column(index))
  }

  /// Column `index` as bytes, nil for NULL.
  public func optionalBytes(_ index: Int) -> [UInt8]? {
    isNull(index) ? nil : blob(column(index))
  }

  /// Column `index` as a Bool, nil for NULL.
  public func optionalBool(_ index: Int) -> Bool? { optionalInt64(index).map { $0 != 0 } }

  /// The C column index, after checking the Swift one; an index out of range is a programming
  /// error, like an array's.
  private func column(_ index: Int) -> Int32 {
    precondition(
      index >= 0 && index < columnCount,
      "column \(index) out of range: the row has \(columnCount) columns (\(statement.sql))")
    return Int32(index)
  }

  private func requireNonNull(_ index: Int) throws {
    guard isNull(index) else { return }
    throw SQLiteError(
      code: .mismatch,
      message: "column \(index) (\(columnName(index))) is NULL; read it with an optional reader",
      sql: statement.sql
    )
  }

  /// The text of `column`: `sqlite3_column_text` first, then `sqlite3_column_bytes`, in that
  /// order as SQLite documents, and by length, so embedded NULs survive.
  private func text(_ column: Int32) -> String {
    guard let pointer = sqlite3_column_text(handle, column) else { return "" }
    let count = Int(sqlite3_column_bytes(handle, column))
    return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
  }

  /// The bytes of `column`; SQLite returns a NULL pointer for a zero-length blob.
  private func blob(_ column: Int32) -> [UInt8] {
    guard let pointer = sqlite3_column_blob(handle, column) else { return [] }
    let count = Int(sqlite3_column_bytes(handle, column))
    return Array(UnsafeRawBufferPointer(start: pointer, count: count))
  }
}

@available(*, unavailable, message: "a row belongs to its connection's thread")
extension SQLiteRow: Sendable {}

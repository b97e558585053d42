/// A value as SQLite stores it: one of its five storage classes.
///
/// What ``SQLiteRow/value(_:)`` returns, and what every ``SQLiteBindable`` turns into before
/// it is bound. Text is always UTF-8.
public enum SQLiteValue: Sendable, Hashable {
  /// SQL NULL.
  case null
  /// A 64-bit signed integer (also how booleans are stored: 0 and 1).
  case integer(Int64)
  /// A 64-bit IEEE floating-point number.
  case real(Double)
  /// UTF-8 text.
  case text(String)
  /// Bytes, possibly none (an empty blob is not NULL).
  case blob([UInt8])
}

/// A Swift value that can be bound to a statement parameter.
///
/// Arguments are passed as `[(any SQLiteBindable)?]`, so a literal list mixes types and `nil`
/// binds NULL: `try db.execute("INSERT INTO t VALUES (?, ?, ?)", [1, "a", nil])`. Conform a
/// domain type (an identifier wrapper, say) to bind it directly.
public protocol SQLiteBindable {
  /// The value to bind.
  var sqliteValue: SQLiteValue { get }
}

extension SQLiteValue: SQLiteBindable {
  /// Itself.
  public var sqliteValue: SQLiteValue { self }
}

extension Int64: SQLiteBindable {
  /// An integer.
  public var sqliteValue: SQLiteValue { .integer(self) }
}

extension Int: SQLiteBindable {
  /// An integer (Int is 64 bits on every platform Switchboard runs on).
  public var sqliteValue: SQLiteValue { .integer(Int64(self)) }
}

extension Int32: SQLiteBindable {
  /// An integer.
  public var sqliteValue: SQLiteValue { .integer(Int64(self)) }
}

extension Double: SQLiteBindable {
  /// A real.
  public var sqliteValue: SQLiteValue { .real(self) }
}

extension String: SQLiteBindable {
  /// UTF-8 text.
  public var sqliteValue: SQLiteValue { .text(self) }
}

extension Substring: SQLiteBindable {
  /// UTF-8 text.
  public var sqliteValue: SQLiteValue { .text(String(self)) }
}

extension Array: SQLiteBindable where Element == UInt8 {
  /// A blob; an empty array is an empty blob, not NULL.
  public var sqliteValue: SQLiteValue { .blob(self) }
}

extension Bool: SQLiteBindable {
  /// The integer 1 or 0, as SQLite itself stores `TRUE` and `FALSE`.
  public var sqliteValue: SQLiteValue { .integer(self ? 1 : 0) }
}

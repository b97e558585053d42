/// The one error of the storage engine: what SQLite said, and the SQL it said it about.
///
/// Built from the connection right after a failing call, so ``message`` is
/// `sqlite3_errmsg`'s text for that call. Errors the engine raises itself (a NULL read as a
/// non-optional, a closed writer) use the SQLite code closest in meaning.
public struct SQLiteError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The primary result code, such as ``SQLiteResultCode/constraint``.
  public var code: SQLiteResultCode
  /// The extended result code, such as ``SQLiteResultCode/constraintUnique``; equal to ``code``
  /// when SQLite gave no more detail.
  public var extendedCode: SQLiteResultCode
  /// The explanation, from `sqlite3_errmsg` where SQLite produced the error.
  public var message: String
  /// The statement that failed, when there was one.
  public var sql: String?

  /// Creates an error; `extendedCode` defaults to `code`.
  public init(
    code: SQLiteResultCode, extendedCode: SQLiteResultCode? = nil, message: String, sql: String? = nil
  ) {
    self.code = code.primary
    self.extendedCode = extendedCode ?? code
    self.message = message
    self.sql = sql
  }

  /// Whether a UNIQUE index or PRIMARY KEY rejected a row: how an idempotent insert learns that
  /// the row is already there.
  public var isUniqueConstraintViolation: Bool {
    extendedCode == .constraintUnique || extendedCode == .constraintPrimaryKey
  }

  /// `UNIQUE constraint failed: t.k (constraint failed (19), extended 2067) in: INSERT ...`
  public var description: String {
    var text = "\(message) (\(code), extended \(extendedCode.rawValue))"
    if let sql { text += " in: \(sql)" }
    return text
  }
}

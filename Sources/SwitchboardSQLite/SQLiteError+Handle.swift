internal import CSQLite

extension SQLiteError {
  /// The error for result code `resultCode` just returned by a call on `connection`, with
  /// `sqlite3_errmsg`'s text, or SQLite's name for the code when there is no connection.
  init(resultCode: Int32, connection: OpaquePointer?, sql: String?) {
    var extended = resultCode
    if let connection, resultCode & 0xFF == resultCode {
      // A primary code: the connection may know the extended one.
      let known = sqlite3_extended_errcode(connection)
      if known & 0xFF == resultCode { extended = known }
    }
    let message =
      if let connection { String(cString: sqlite3_errmsg(connection)) }
      else { String(cString: sqlite3_errstr(resultCode)) }
    self.init(
      code: SQLiteResultCode(rawValue: resultCode),
      extendedCode: SQLiteResultCode(rawValue: extended),
      message: message,
      sql: sql
    )
  }

  /// The error a closed writer or reader pool answers with.
  static func closed(_ what: String) -> SQLiteError {
    SQLiteError(code: .misuse, message: "the \(what) is closed")
  }
}

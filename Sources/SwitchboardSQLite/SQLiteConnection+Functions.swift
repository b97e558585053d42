internal import CSQLite

extension SQLiteConnection {
  /// Defines `name(x)` on this connection: a deterministic SQL function of one argument,
  /// computed by `body` from the argument's bytes (a text's UTF-8, a blob as it is) and
  /// returned as a blob; NULL gives NULL. For a migration that fills a column from one SQL
  /// cannot compute, in a single `INSERT ... SELECT` that SQLite sorts and streams, instead of
  /// every row through Swift and back.
  public func defineFunction(_ name: String, _ body: @escaping @Sendable ([UInt8]) -> [UInt8]) throws {
    let box = Unmanaged.passRetained(FunctionBody(body)).toOpaque()
    let resultCode = sqlite3_create_function_v2(
      handle, name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, box,
      { context, _, arguments in
        guard let context, let argument = arguments?[0] else { return }
        guard sqlite3_value_type(argument) != SQLITE_NULL else { return sqlite3_result_null(context) }
        // The pointer first, then its length: SQLite's documented order.
        let start = sqlite3_value_blob(argument)
        let count = Int(sqlite3_value_bytes(argument))
        let bytes = start.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
        let body = Unmanaged<FunctionBody>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue().body
        let result = body(bytes)
        // An empty array may have no address, which SQLite would take for NULL.
        guard !result.isEmpty else { return sqlite3_result_zeroblob(context, 0) }
        result.withUnsafeBytes { sqlite3_result_blob(context, $0.baseAddress, Int32($0.count), transientDestructor) }
      },
      nil, nil,
      // SQLite calls this when the function is replaced or the connection closes.
      { box in box.map { Unmanaged<FunctionBody>.fromOpaque($0).release() } })
    guard resultCode == SQLITE_OK else {
      throw SQLiteError(resultCode: resultCode, connection: handle, sql: nil)
    }
  }
}

/// A Swift function handed to SQLite as its user data.
private final class FunctionBody: Sendable {
  let body: @Sendable ([UInt8]) -> [UInt8]
  init(_ body: @escaping @Sendable ([UInt8]) -> [UInt8]) { self.body = body }
}

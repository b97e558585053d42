internal import CSQLite

/// How a transaction takes its locks (`BEGIN DEFERRED | IMMEDIATE | EXCLUSIVE`).
public enum SQLiteTransactionKind: String, Sendable, Hashable {
  /// Locks on first use: for reads, which in WAL mode never wait for the writer.
  case deferred = "DEFERRED"
  /// Takes the write lock at once, so a write transaction never fails half-way with
  /// `SQLITE_BUSY` when it upgrades from reading to writing.
  case immediate = "IMMEDIATE"
  /// In WAL mode the same as immediate.
  case exclusive = "EXCLUSIVE"
}

extension SQLiteConnection {
  /// Whether a transaction is open (SQLite is not in autocommit mode).
  public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

  /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
  ///
  /// Immediate by default, because nearly every transaction here writes. Transactions do not
  /// nest: inside one, use ``savepoint(_:)``.
  ///
  /// - Throws: what `body` throws, or the ``SQLiteError`` of BEGIN or COMMIT; after a failed
  ///   COMMIT the transaction has been rolled back.
  public func transaction<T>(
    _ kind: SQLiteTransactionKind = .immediate, _ body: (SQLiteConnection) throws -> T
  ) throws -> T {
    try execute("BEGIN \(kind.rawValue) TRANSACTION")
    let result: T
    do {
      result = try body(self)
      try execute("COMMIT TRANSACTION")
    } catch {
      rollbackIfOpen()
      throw error
    }
    return result
  }

  /// Runs `body` inside a savepoint: released when it returns, rolled back alone when it
  /// throws, leaving the enclosing transaction open. Outside a transaction it acts as a
  /// deferred transaction. Savepoints nest.
  public func savepoint<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
    try execute("SAVEPOINT switchboard")
    do {
      let result = try body(self)
      try execute("RELEASE SAVEPOINT switchboard")
      return result
    } catch {
      // SQLite may have rolled the whole transaction back already (an I/O error, a full disk).
      if isInTransaction {
        try? execute("ROLLBACK TO SAVEPOINT switchboard")
        try? execute("RELEASE SAVEPOINT switchboard")
      }
      throw error
    }
  }

  /// Rolls back the open transaction, if any. Its own failure is ignored: after it, SQLite has
  /// either rolled back or will when the connection closes, and the caller reports the error
  /// that brought it here.
  func rollbackIfOpen() {
    if isInTransaction { try? execute("ROLLBACK TRANSACTION") }
  }
}

internal import CSQLite

/// An SQLite result code, primary (`SQLITE_CONSTRAINT`) or extended (`SQLITE_CONSTRAINT_UNIQUE`).
///
/// A struct rather than an enum because SQLite defines more codes than anyone matches on, and
/// new versions add some: the constants below are the ones Switchboard's code asks about.
public struct SQLiteResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The number SQLite returns.
  public var rawValue: Int32

  /// Wraps a number SQLite returned.
  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// The primary code of an extended one (its low byte): `constraintUnique.primary == constraint`.
  public var primary: SQLiteResultCode { SQLiteResultCode(rawValue: rawValue & 0xFF) }

  /// SQLite's own English name for the code, such as "constraint failed".
  public var description: String {
    "\(String(cString: sqlite3_errstr(rawValue))) (\(rawValue))"
  }

  /// A generic error (`SQLITE_ERROR`): bad SQL, a missing table.
  public static let error = SQLiteResultCode(rawValue: SQLITE_ERROR)
  /// Another connection holds a lock the busy timeout did not outlast (`SQLITE_BUSY`).
  public static let busy = SQLiteResultCode(rawValue: SQLITE_BUSY)
  /// A write on a read-only connection (`SQLITE_READONLY`).
  public static let readOnly = SQLiteResultCode(rawValue: SQLITE_READONLY)
  /// The operating system reported an I/O error (`SQLITE_IOERR`).
  public static let ioError = SQLiteResultCode(rawValue: SQLITE_IOERR)
  /// The database file is damaged (`SQLITE_CORRUPT`).
  public static let corrupt = SQLiteResultCode(rawValue: SQLITE_CORRUPT)
  /// The disk is full (`SQLITE_FULL`).
  public static let full = SQLiteResultCode(rawValue: SQLITE_FULL)
  /// The file could not be opened (`SQLITE_CANTOPEN`).
  public static let cantOpen = SQLiteResultCode(rawValue: SQLITE_CANTOPEN)
  /// A constraint was violated (`SQLITE_CONSTRAINT`); the extended code says which kind.
  public static let constraint = SQLiteResultCode(rawValue: SQLITE_CONSTRAINT)
  /// A value had the wrong type, here also a NULL read as a non-optional (`SQLITE_MISMATCH`).
  public static let mismatch = SQLiteResultCode(rawValue: SQLITE_MISMATCH)
  /// The API was used wrongly, here also a closed writer or pool (`SQLITE_MISUSE`).
  public static let misuse = SQLiteResultCode(rawValue: SQLITE_MISUSE)
  /// A parameter index or count out of range (`SQLITE_RANGE`).
  public static let range = SQLiteResultCode(rawValue: SQLITE_RANGE)
  /// The file is not an SQLite database (`SQLITE_NOTADB`).
  public static let notADatabase = SQLiteResultCode(rawValue: SQLITE_NOTADB)

  // Swift does not import SQLite's extended-code macros (`SQLITE_CONSTRAINT | (8<<8)`).
  private func extended(_ detail: Int32) -> SQLiteResultCode {
    SQLiteResultCode(rawValue: rawValue | detail << 8)
  }

  /// A UNIQUE index or constraint was violated (`SQLITE_CONSTRAINT_UNIQUE`).
  public static let constraintUnique = constraint.extended(8)
  /// A PRIMARY KEY was duplicated (`SQLITE_CONSTRAINT_PRIMARYKEY`).
  public static let constraintPrimaryKey = constraint.extended(6)
  /// A FOREIGN KEY constraint failed (`SQLITE_CONSTRAINT_FOREIGNKEY`).
  public static let constraintForeignKey = constraint.extended(3)
  /// A NOT NULL column got a NULL (`SQLITE_CONSTRAINT_NOTNULL`).
  public static let constraintNotNull = constraint.extended(5)
  /// A CHECK constraint failed (`SQLITE_CONSTRAINT_CHECK`).
  public static let constraintCheck = constraint.extended(1)
}

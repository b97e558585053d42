/// Ordered, versioned schema migrations, recorded in the database's `PRAGMA user_version`.
///
/// ```swift
/// var migrator = Migrator()
/// migrator.register(version: 1, name: "create chats") { db in
///   try db.execute("CREATE TABLE chats (id INTEGER PRIMARY KEY, phone TEXT NOT NULL UNIQUE)")
/// }
/// migrator.register(version: 2, name: "index chats by phone") { db in ... }
/// try migrator.migrate(connection)  // applies what the file lacks, in order
/// ```
///
/// Each migration runs in its own immediate transaction together with the `user_version` bump,
/// so a failed one leaves the database at the version before it. Released migrations are never
/// edited: a change to the schema is a new version. Migrations run with foreign keys enforced.
public struct Migrator: Sendable {
  /// One step of the schema's history.
  public struct Migration: Sendable {
    /// The `user_version` the database has once this migration is applied.
    public let version: Int
    /// What the migration does, for error messages and logs.
    public let name: String
    let body: @Sendable (SQLiteConnection) throws -> Void
  }

  /// The registered migrations, in version order.
  public private(set) var migrations: [Migration] = []

  /// A migrator with no migrations.
  public init() {}

  /// Adds the migration that brings the database to `version`.
  ///
  /// Versions start at 1 and must increase with each call (gaps are allowed); registering them
  /// out of order is a programming error.
  public mutating func register(
    version: Int, name: String, _ body: @escaping @Sendable (SQLiteConnection) throws -> Void
  ) {
    precondition(
      version > newestVersion,
      "migration \(version) (\(name)) must come after version \(newestVersion)")
    migrations.append(Migration(version: version, name: name, body: body))
  }

  /// The version a fully migrated database has: that of the last migration, 0 when none.
  public var newestVersion: Int { migrations.last?.version ?? 0 }

  /// Applies, in order, every migration newer than the database's `user_version`.
  ///
  /// - Returns: the versions applied now; empty when the database was up to date.
  /// - Throws: ``MigrationError/databaseIsNewer(databaseVersion:newestKnownVersion:)`` before
  ///   touching a database written by a newer build, and
  ///   ``MigrationError/migrationFailed(version:name:cause:)`` when a migration throws.
  @discardableResult
  public func migrate(_ db: SQLiteConnection) throws -> [Int] {
    let current = try Self.userVersion(of: db)
    guard current <= newestVersion else {
      throw MigrationError.databaseIsNewer(databaseVersion: current, newestKnownVersion: newestVersion)
    }
    var applied: [Int] = []
    for migration in migrations where migration.version > current {
      do {
        try db.transaction { db in
          try migration.body(db)
          // PRAGMA takes no parameters; the version is an Int, so interpolation is safe.
          try db.execute("PRAGMA user_version = \(migration.version)")
        }
      } catch {
        throw MigrationError.migrationFailed(version: migration.version, name: migration.name, cause: error)
      }
      applied.append(migration.version)
    }
    return applied
  }

  /// The database's schema version, `PRAGMA user_version` (0 for a new file).
  public static func userVersion(of db: SQLiteConnection) throws -> Int {
    try db.fetchOne("PRAGMA user_version") { try $0.int(0) } ?? 0
  }
}

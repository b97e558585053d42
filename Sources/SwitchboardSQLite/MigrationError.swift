/// Why ``Migrator/migrate(_:)`` could not bring a database to the schema this build knows.
public enum MigrationError: Error, CustomStringConvertible {
  /// The file was written by a newer build (its `user_version` is past the last migration):
  /// this build refuses it rather than misread a schema it does not know.
  case databaseIsNewer(databaseVersion: Int, newestKnownVersion: Int)
  /// A migration threw; it was rolled back, and the database stays at the version before it.
  case migrationFailed(version: Int, name: String, cause: any Error)

  /// What happened and what to do about it.
  public var description: String {
    switch self {
    case .databaseIsNewer(let databaseVersion, let newestKnownVersion):
      "the database is at schema version \(databaseVersion), but this build knows versions up to "
        + "\(newestKnownVersion): run a newer build, or restore a backup made for this one"
    case .migrationFailed(let version, let name, let cause):
      "migration \(version) (\(name)) failed and was rolled back: \(cause)"
    }
  }
}

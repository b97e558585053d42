/// A database file as the service uses it: one group-committing writer, a pool of readers, a
/// checkpointer keeping the log short off the writer's thread, and the schema migrated at open.
///
/// ```swift
/// let database = try SQLiteDatabase(path: "/var/lib/switchboard/chats.sqlite", migrator: schema)
/// try await database.write { db in try db.execute("INSERT INTO notes (body) VALUES (?)", ["hi"]) }
/// let notes = try await database.read { db in
///   try db.fetchAll("SELECT body FROM notes") { try $0.string(0) }
/// }
/// await database.close()
/// ```
///
/// Opening blocks the calling thread while it migrates: do it at startup.
public final class SQLiteDatabase: Sendable {
  /// The file.
  public let path: String
  /// The only writer; see ``SQLiteWriter`` for batching and its rules.
  public let writer: SQLiteWriter
  /// The read-only connections.
  public let readers: SQLiteReaderPool
  /// Copies the log into the database file off the writer's thread.
  public let checkpointer: SQLiteCheckpointer

  /// The log size, in bytes, at which the writer checkpoints by itself: a backstop for the
  /// log the checkpointer cannot rewind. While writes keep coming, its PASSIVE checkpoints copy
  /// the log into the file but never let it start over (SQLite rewinds only when a write
  /// begins with every frame copied), so this checkpoint is what rewinds it, and it copies and
  /// fsyncs on the writer thread. With ten million messages stored, the fsync of what it
  /// copies took most of a second (the frames committed since the checkpointer's last pass,
  /// scattered over a large file), every few seconds at 256 MiB (every second and a half at
  /// 64 MiB). At 768 MiB the stall comes a third as often and is no longer: 15 – 25% more
  /// messages per second in 30-second runs, no change on an empty desk. The price is a log
  /// file that stays that large once it has grown, and a longer scan of it when the server
  /// starts after a crash.
  static let writerCheckpointBytes = 768 << 20

  /// The writer's page cache, in KiB. A batch of group-committed writes dirties pages all over
  /// the indexes; when they do not fit, SQLite spills them to the log in the middle of the
  /// transaction and writes many of them again at COMMIT. SQLite's default (2 MiB) spilled on
  /// every batch of a few hundred inbound messages; 64 MiB held the batch and the hot upper
  /// levels of every index. But a table written at random places (a key of unique ids) needs
  /// all its leaves cached, or every write first reads one from the file: 512 MiB holds one of
  /// about twelve million 16-byte keys (48 a page, as random inserts leave them). The chat desk
  /// no longer has such a table, and 64 MiB measured no better with ten million messages stored
  /// (512 MiB gave 0.89 - 1.29 of its rate, four pairs). SQLite takes the memory only as pages
  /// are read, so a small database costs little. Readers keep the default: in WAL mode their
  /// cache is dropped whenever the writer commits, so a large one would buy nothing.
  public static let writerCacheKiB = 524_288

  /// Opens (creating if needed) the database at `path`, applies `migrator`'s pending
  /// migrations, then opens `readerCount` readers and starts the writer.
  ///
  /// - Throws: ``SQLiteError`` when the file cannot be opened, or ``MigrationError`` when the
  ///   schema is newer than `migrator` knows or a migration fails.
  public init(
    path: String,
    migrator: Migrator = Migrator(),
    readerCount: Int = 4,
    configuration: SQLiteConfiguration = SQLiteConfiguration(),
    maximumBatchSize: Int = 512
  ) throws {
    guard path != ":memory:", !path.isEmpty else {
      throw SQLiteError(
        code: .misuse, message: "an in-memory database cannot be shared by a writer and readers")
    }
    let connection = try SQLiteConnection(path: path, configuration: configuration)
    try migrator.migrate(connection)
    let pageSize = try connection.fetchOne("PRAGMA page_size") { try $0.int(0) } ?? configuration.pageSize
    try connection.execute("PRAGMA wal_autocheckpoint = \(Self.writerCheckpointBytes / pageSize)")
    try connection.execute("PRAGMA cache_size = -\(Self.writerCacheKiB)")
    try connection.execute("PRAGMA temp_store = MEMORY")
    self.path = path
    readers = try SQLiteReaderPool(path: path, count: readerCount, configuration: configuration)
    checkpointer = try SQLiteCheckpointer(path: path, configuration: configuration)
    writer = SQLiteWriter(connection: connection, maximumBatchSize: maximumBatchSize)
  }

  /// Runs `body` in the writer's next batch; returns once it is committed.
  /// See ``SQLiteWriter/write(_:)``.
  public func write<T: Sendable>(
    _ body: @escaping @Sendable (SQLiteConnection) throws -> T
  ) async throws -> T {
    try await writer.write(body)
  }

  /// Runs `body` on a reader, in a read transaction. See ``SQLiteReaderPool/read(_:)``.
  public func read<T: Sendable>(
    _ body: @escaping @Sendable (SQLiteConnection) throws -> T
  ) async throws -> T {
    try await readers.read(body)
  }

  /// Finishes the queued writes and reads, then closes every connection.
  public func close() async {
    await writer.close()
    await readers.close()
    await checkpointer.close()
  }
}

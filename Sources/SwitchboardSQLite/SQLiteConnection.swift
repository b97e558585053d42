internal import CSQLite
internal import CSQLiteLogBuffer
internal import CSQLitePageCache

/// One SQLite connection, used by one thread at a time.
///
/// Not `Sendable`: SQLite connections are opened in multi-thread mode (no mutex of their own),
/// so the compiler keeps each on the thread that owns it. In the service, connections live
/// inside ``SQLiteWriter`` and ``SQLiteReaderPool`` and are reached through `write { }` and
/// `read { }`; use one directly in tools, migrations and tests.
///
/// ```swift
/// let db = try SQLiteConnection(path: "chats.sqlite")
/// try db.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
/// try db.execute("INSERT INTO notes (body) VALUES (?)", ["hello"])
/// let bodies = try db.fetchAll("SELECT body FROM notes ORDER BY id") { try $0.string(0) }
/// ```
///
/// The connection closes when its last reference goes.
public final class SQLiteConnection {
  /// The `sqlite3 *`.
  let handle: OpaquePointer

  /// The file the connection opened, or `:memory:`.
  public let path: String

  /// Whether the connection was opened read-only.
  public let isReadOnly: Bool

  /// Prepared statements by SQL text. Unbounded: SQL is written with `?` parameters, so the
  /// service has a fixed, small set of texts.
  private var statementCache: [String: SQLiteStatement] = [:]

  /// How many statements this connection has compiled: tests check that the cache works.
  package private(set) var statementsPrepared = 0

  /// How many times SQLite compiled the cached statements again (see
  /// ``SQLiteStatement/recompilations``): tests check that hot statements never are.
  package var statementsRecompiled: Int { statementCache.values.reduce(0) { $0 + $1.recompilations } }

  /// Opens (and, unless `readOnly`, creates) the database at `path`, or a private in-memory
  /// one for `":memory:"`, and configures it: page size and WAL journal (for files opened
  /// read-write), `synchronous`, `busy_timeout`, `foreign_keys`.
  ///
  /// - Throws: ``SQLiteError``, such as ``SQLiteResultCode/cantOpen`` for a missing directory,
  ///   or ``SQLiteResultCode/notADatabase`` for a file that is not SQLite.
  public init(
    path: String, readOnly: Bool = false, configuration: SQLiteConfiguration = SQLiteConfiguration()
  ) throws {
    var handle: OpaquePointer?
    let access = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
    let resultCode = sqlite3_open_v2(
      path, &handle, access | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, sqliteFileSystem)
    guard resultCode == SQLITE_OK, let handle else {
      var error = SQLiteError(resultCode: resultCode, connection: handle, sql: nil)
      error.message = "cannot open \(path): \(error.message)"
      sqlite3_close_v2(handle)
      throw error
    }
    self.handle = handle
    self.path = path
    self.isReadOnly = readOnly
    // From here on, a throw runs deinit, which closes the handle.
    try configure(configuration)
  }

  deinit {
    statementCache.removeAll()  // finalizes them first: close_v2 would otherwise linger
    sqlite3_close_v2(handle)
  }

  private func configure(_ configuration: SQLiteConfiguration) throws {
    let milliseconds = configuration.busyTimeout / .milliseconds(1)
    sqlite3_busy_timeout(handle, Int32(clamping: Int(milliseconds.rounded(.up))))
    // WAL lets readers run beside the one writer and commit with one append to the WAL file.
    // It is a property of the file, so the read-write connection sets it and readers find it.
    if !isReadOnly && path != ":memory:" && !path.isEmpty {
      // Only a file not yet written takes a page size, and only before the WAL is set up.
      try execute("PRAGMA page_size = \(configuration.pageSize)")
      let mode = try fetchOne("PRAGMA journal_mode = WAL") { try $0.string(0) }
      guard mode?.lowercased() == "wal" else {
        throw SQLiteError(
          code: .error, message: "cannot use WAL: the journal mode stayed \(mode ?? "unknown")",
          sql: "PRAGMA journal_mode = WAL")
      }
    }
    try execute("PRAGMA synchronous = \(configuration.synchronous.rawValue)")
    try execute("PRAGMA foreign_keys = \(configuration.foreignKeys ? "ON" : "OFF")")
  }

  // MARK: Running SQL

  /// Runs `sql` with `arguments` bound by position, ignoring any rows.
  ///
  /// One statement is compiled once and cached. Several statements separated by `;` (a
  /// migration script) run in order, uncached, and take no arguments.
  public func execute(_ sql: String, _ arguments: [(any SQLiteBindable)?] = []) throws {
    guard let statement = try prepareIfSingle(sql) else {
      guard arguments.isEmpty else {
        throw SQLiteError(
          code: .misuse, message: "arguments bind to one statement, not to a script", sql: sql)
      }
      return try executeScript(sql)
    }
    try statement.bind(arguments)
    try statement.run()
  }

  /// Runs `sql`, one statement, with its parameters bound by `binding` in order, ignoring any
  /// rows: the form for hot paths, with no array of boxed arguments (see ``SQLiteBinder``).
  public func execute(_ sql: String, binding: (inout SQLiteBinder) throws -> Void) throws {
    let statement = try prepare(sql)
    try statement.bind(binding)
    try statement.run()
  }

  /// The rows of `sql`, each turned into a value by `transform`.
  public func fetchAll<T>(
    _ sql: String, _ arguments: [(any SQLiteBindable)?] = [], _ transform: (SQLiteRow) throws -> T
  ) throws -> [T] {
    var values: [T] = []
    try forEachRow(sql, arguments) { values.append(try transform($0)) }
    return values
  }

  /// The first row of `sql` turned into a value by `transform`, or nil when there is none.
  public func fetchOne<T>(
    _ sql: String, _ arguments: [(any SQLiteBindable)?] = [], _ transform: (SQLiteRow) throws -> T
  ) throws -> T? {
    let statement = try prepare(sql)
    try statement.bind(arguments)
    return try statement.firstRow(transform)
  }

  /// Calls `body` with each row of `sql`; the row is valid only during the call.
  public func forEachRow(
    _ sql: String, _ arguments: [(any SQLiteBindable)?] = [], _ body: (SQLiteRow) throws -> Void
  ) throws {
    let statement = try prepare(sql)
    try statement.bind(arguments)
    try statement.forEachRow(body)
  }

  /// The compiled statement for `sql` (exactly one statement), from the cache when it is there.
  ///
  /// A cached statement still part-way through its rows (the same SQL run again inside a row
  /// loop) is left alone: the call gets a fresh, uncached one instead.
  public func prepare(_ sql: String) throws -> SQLiteStatement {
    guard let statement = try prepareIfSingle(sql) else {
      throw SQLiteError(code: .misuse, message: "expected one statement, found several", sql: sql)
    }
    return statement
  }

  /// The rowid of the last row inserted on this connection.
  public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// What this connection's WAL file saw since it opened: the frame writes SQLite made and the
  /// writes that reached the file once gathered (see CSQLiteLogBuffer.h). For tests.
  package var logWrites: (frameWrites: Int, flushes: Int) {
    var writes = switchboard_log_writes()
    guard sqlite3_file_control(handle, "main", SWITCHBOARD_FCNTL_LOG_WRITES, &writes) == SQLITE_OK else { return (0, 0) }
    return (Int(writes.frameWrites), Int(writes.flushes))
  }

  /// What the page caches of connections used on the calling thread did since it started:
  /// truncations asked for, those skipped as unable to drop a page, and pages moved through
  /// the lock-byte page's number (see CSQLitePageCache.h). For tests, around synchronous work.
  package static var pageCacheCounts: (truncations: Int, skipped: Int, temporaryKeys: Int) {
    _ = sqliteFileSystem
    let counts = switchboard_page_cache_thread_counts()
    return (Int(counts.truncations), Int(counts.skipped), Int(counts.temporaryKeys))
  }

  /// How many rows the last INSERT, UPDATE or DELETE changed.
  public var changes: Int { Int(sqlite3_changes64(handle)) }

  /// How many rows all INSERTs, UPDATEs and DELETEs changed since the connection opened.
  public var totalChanges: Int { Int(sqlite3_total_changes64(handle)) }

  // MARK: Compiling

  /// The statement for `sql` when it holds one statement; nil when it is a script (several).
  private func prepareIfSingle(_ sql: String) throws -> SQLiteStatement? {
    if let cached = statementCache[sql], !cached.isBusy { return cached }
    var statementHandle: OpaquePointer?
    var isScript = false
    let resultCode = sql.withCString { text in
      var tail: UnsafePointer<CChar>?
      let resultCode = sqlite3_prepare_v3(
        handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statementHandle, &tail)
      if var rest = tail {
        while rest.pointee != 0 {
          if !Self.isSpace(rest.pointee) {
            isScript = true
            break
          }
          rest += 1
        }
      }
      return resultCode
    }
    guard resultCode == SQLITE_OK else {
      sqlite3_finalize(statementHandle)
      throw SQLiteError(resultCode: resultCode, connection: handle, sql: sql)
    }
    statementsPrepared += 1
    guard !isScript else {
      sqlite3_finalize(statementHandle)
      return nil
    }
    guard let statementHandle else {
      // Only whitespace or comments: run it as a (no-op) script.
      return nil
    }
    let statement = SQLiteStatement(handle: statementHandle, sql: sql)
    if statementCache[sql] == nil { statementCache[sql] = statement }
    return statement
  }

  private static func isSpace(_ character: CChar) -> Bool {
    character == 0x20 || (character >= 0x09 && character <= 0x0D)
  }

  private func executeScript(_ sql: String) throws {
    var message: UnsafeMutablePointer<CChar>?
    let resultCode = sqlite3_exec(handle, sql, nil, nil, &message)
    defer { sqlite3_free(message) }
    guard resultCode == SQLITE_OK else {
      var error = SQLiteError(resultCode: resultCode, connection: handle, sql: sql)
      if let message { error.message = String(cString: message) }
      throw error
    }
  }
}

@available(*, unavailable, message: "a connection belongs to one thread at a time")
extension SQLiteConnection: Sendable {}

/// The VFS every connection opens with, after the process-wide settings of the SQLite library
/// are applied: once, before the first connection opens (Swift runs a global's initializer
/// exactly once, thread-safely).
private let sqliteFileSystem: String? = {
  _ = switchboard_sqlite3_disable_memory_statistics()
  // Spares each commit a walk over the whole page cache (see CSQLitePageCache.h). It fails
  // only when SQLite was started before; its own cache is then as correct, only slower.
  _ = switchboard_page_cache_install()
  _ = sqlite3_initialize()
  // Gathers each commit's WAL frames into a few large writes (see CSQLiteLogBuffer.h). Registration
  // only fails when memory runs out; SQLite's own VFS is then as correct, only slower.
  return switchboard_log_buffer_register() == SQLITE_OK ? SWITCHBOARD_LOG_BUFFER_VFS : nil
}()

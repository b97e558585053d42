/// How a connection is set up when it opens.
///
/// The defaults are what the chat service runs with; tests and tools change single fields.
public struct SQLiteConfiguration: Sendable, Hashable {
  /// When SQLite waits for the disk (`PRAGMA synchronous`), in WAL mode.
  public enum Synchronous: String, Sendable, Hashable {
    /// A commit is written to the WAL file but not fsynced; checkpoints are.
    ///
    /// Durable across a crash of the process, `kill -9` included: a committed transaction is
    /// in the WAL file (in the OS page cache) before the commit returns, and the next open
    /// replays it. A power loss or kernel crash can lose the last transactions that were
    /// not yet flushed by the OS (a few seconds at most) but never corrupts the database.
    case normal = "NORMAL"
    /// Every commit also fsyncs the WAL: durable across power loss, at the cost of one
    /// fsync per commit. With ``SQLiteWriter``'s group commit, that is one fsync per batch,
    /// not per write.
    case full = "FULL"
  }

  /// Fsync policy; ``Synchronous/normal`` by default (see there for the trade-off).
  public var synchronous: Synchronous = .normal

  /// How long a statement waits for another connection's lock before failing with
  /// ``SQLiteResultCode/busy``. In WAL mode only writers wait for writers, and checkpoints.
  public var busyTimeout: Duration = .seconds(5)

  /// Whether foreign keys are enforced (`PRAGMA foreign_keys`); SQLite's own default is off.
  public var foreignKeys = true

  /// The page size, in bytes, of a database file a read-write connection creates; a file that
  /// exists keeps its own (`PRAGMA page_size`, a power of two from 512 to 65536).
  ///
  /// 2 KiB rather than SQLite's 4 KiB: a commit writes every page it dirtied to the log and
  /// later into the file, and when writes land all over large indexes (each inbound message
  /// in the chat's own tail of the message index, with ten million messages stored) nearly
  /// every page is dirtied for one row. Half the page is half the bytes written, checksummed
  /// and checkpointed per row; the chat desk's ingest with that history went up by 15–25%,
  /// while an empty desk measured the same with either size.
  public var pageSize = 2_048

  /// The defaults: `synchronous=NORMAL`, a 5 s busy timeout, foreign keys enforced, 2 KiB
  /// pages for new files.
  public init() {}
}

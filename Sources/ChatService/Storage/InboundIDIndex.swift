import Synchronization
import SwitchboardSQLite

/// Inbound idempotency: which WhatsApp ids the desk has stored, and for which message.
///
/// `inbound_ids` is keyed by block of message ids first (`message_id >> 18`), then workspace
/// and digest. Keyed by digest alone, each message dirtied a random leaf of a table of
/// millions, which every checkpoint wrote back all over the file; keyed by block, a batch's ids
/// share the current block's few thousand leaves. The key is then unique within a block only,
/// so an id is looked up in every block before it is stored, and filters keep that from costing
/// anything: one ``DigestFilter`` per run of blocks answers "certainly not stored" for almost
/// every new id, and only a "maybe" (a retry, or one new id in a thousand) reads the table,
/// block by block, newest first. The check and the row are written by the writer alone, in the
/// transaction of the message, so two deliveries of an id can never both be stored.
///
/// The filters are memory only: filled from the table before the first lookup, then kept up to
/// date by every claim. A key left in them by a rolled-back or withdrawn claim only costs a
/// lookup. Every call runs on the writer's connection: a filter filled from a reader's snapshot
/// could miss an id the writer claimed meanwhile.
public final class InboundIDIndex: Sendable {
  /// How many low bits of a message id its block leaves out: 262,144 ids, about 3,000 leaves
  /// of the table with a bot reply per message. The migration that keys the table by block
  /// states the same number; the bench's preload writes rows with it.
  public static let blockBits = 18

  /// A run of blocks and the filter of every key stored in them.
  private struct Segment {
    var filter: DigestFilter
    var blocks: ClosedRange<Int64>
  }

  private struct State {
    var loaded = false
    /// Oldest first; the last one takes new keys until it is full, then a twice larger one.
    var segments: [Segment] = []
  }

  private let state = Mutex(State())
  private let minimumCapacity: Int

  /// An index whose first filter holds at least `minimumCapacity` keys (tests make it small,
  /// to see the filters fill and answer "maybe").
  init(minimumCapacity: Int = 1 << 20) {
    self.minimumCapacity = minimumCapacity
  }

  /// The block of message `messageID`.
  static func block(of messageID: Int64) -> Int64 { messageID >> Int64(blockBits) }

  /// Fills the filters from the table, unless done before: the server does it at start, so that
  /// the first message does not wait for it.
  func load(on db: SQLiteConnection) throws {
    guard !state.withLock({ $0.loaded }) else { return }
    guard !db.isReadOnly else {
      throw ServiceError(code: .internal, message: "the inbound id index was used on a reader; it belongs to the writer")
    }
    let stored = try db.fetchOne("SELECT count(*), min(block), max(block) FROM inbound_ids") { row in
      (count: try row.int(0), blocks: row.optionalInt64(1).flatMap { first in row.optionalInt64(2).map { first...$0 } })
    }
    var segment = Segment(
      filter: DigestFilter(capacity: max(minimumCapacity, (stored?.count ?? 0) * 2)), blocks: stored?.blocks ?? 0...0)
    try db.forEachRow("SELECT workspace_id, digest FROM inbound_ids") { row in
      segment.filter.insert(DigestFilter.Key(workspaceID: try row.int64(0), digest: try row.bytes(1)))
    }
    state.withLock { state in
      // Loaded meanwhile (it cannot be, with one writer): keep what the claims since added.
      guard !state.loaded else { return }
      state.segments = [segment]
      state.loaded = true
    }
  }

  /// The message stored with WhatsApp id `id` in `workspaceID`, if any.
  func messageID(of id: InboundID, workspaceID: Int64, on db: SQLiteConnection) throws -> Int64? {
    try load(on: db)
    return try lookUp(DigestFilter.Key(workspaceID: workspaceID, digest: id.digest), id, workspaceID: workspaceID, on: db)
  }

  /// Stores the message `write` writes, as the one of WhatsApp id `id`; throws
  /// ``InboundIDTaken``, having written nothing, when the id was stored before.
  func claim(
    _ id: InboundID, workspaceID: Int64, on db: SQLiteConnection, write: () throws -> Int64
  ) throws -> Int64 {
    try load(on: db)
    let key = DigestFilter.Key(workspaceID: workspaceID, digest: id.digest)
    if let earlier = try lookUp(key, id, workspaceID: workspaceID, on: db) {
      throw InboundIDTaken(messageID: earlier)
    }
    let messageID = try write()
    let block = Self.block(of: messageID)
    try db.execute("INSERT INTO inbound_ids (block, workspace_id, digest, message_id) VALUES (?, ?, ?, ?)") { arguments in
      try arguments.bind(block)
      try arguments.bind(workspaceID)
      try arguments.bind(id.digest)
      try arguments.bind(messageID)
    }
    state.withLock { state in
      if state.segments.isEmpty || state.segments[state.segments.count - 1].filter.isFull {
        let capacity = max(minimumCapacity, 2 * (state.segments.last?.filter.capacity ?? 0))
        state.segments.append(Segment(filter: DigestFilter(capacity: capacity), blocks: block...block))
      }
      let last = state.segments.count - 1
      state.segments[last].filter.insert(key)
      // Message ids only grow (the newest, taken back, is given again): so do the blocks.
      let blocks = state.segments[last].blocks
      state.segments[last].blocks = blocks.lowerBound...max(blocks.upperBound, block)
    }
    return messageID
  }

  /// The table's row for `key` (`id` in `workspaceID`), read only in the blocks of the filters
  /// that may hold it, newest first.
  private func lookUp(_ key: DigestFilter.Key, _ id: InboundID, workspaceID: Int64, on db: SQLiteConnection) throws -> Int64? {
    let candidates = state.withLock { state in
      state.segments.reversed().filter { $0.filter.mayContain(key) }.map(\.blocks)
    }
    for blocks in candidates {
      for block in blocks.reversed() {
        if let messageID = try db.fetchOne(
          "SELECT message_id FROM inbound_ids WHERE block = ? AND workspace_id = ? AND digest = ?",
          [block, workspaceID, id.digest], { try $0.int64(0) })
        {
          return messageID
        }
      }
    }
    return nil
  }

  /// Takes back the claim of message `messageID` on `id`, so that the id can be stored again.
  /// Its key stays in the filters (a filter forgets nothing): a later lookup reads the table.
  func release(_ id: InboundID, workspaceID: Int64, messageID: Int64, on db: SQLiteConnection) throws {
    try db.execute(
      "DELETE FROM inbound_ids WHERE block = ? AND workspace_id = ? AND digest = ? AND message_id = ?",
      [Self.block(of: messageID), workspaceID, id.digest, messageID])
  }

  /// How many filters the index holds, and how many keys they hold in all: for tests.
  var filterCounts: (filters: Int, keys: Int) {
    state.withLock { ($0.segments.count, $0.segments.reduce(0) { $0 + $1.filter.count }) }
  }
}

/// An inbound message's WhatsApp id was stored before, with message `messageID`: the delivery
/// is a retry.
struct InboundIDTaken: Error {
  let messageID: Int64
}

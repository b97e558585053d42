import Synchronization

/// Committed changes, fanned out to the live watchers of their workspace or chat. The database's
/// `events` and `outbox` tables are the record; the hub only saves watchers from polling it.
///
/// A watcher subscribes before it replays the table (so nothing committed in between is
/// missed) and skips live entries it already replayed. A watcher that falls more than
/// `bufferLimit` entries behind is dropped from the hub: its stream ends, and the watch reads
/// the table again from where it was, so a slow reader costs bounded memory and loses nothing.
final class EventHub: Sendable {
  /// Which log an entry belongs to.
  enum Log: Sendable, Hashable {
    /// Chat changes (the `events` table): inbox and chat watches.
    case chats
    /// Outbound messages (the `outbox` table): the delivery connector.
    case outbox
  }

  /// One committed entry.
  struct Entry: Sendable, Hashable {
    /// Its sequence number in its log.
    var sequence: Int64
    /// The workspace it belongs to.
    var workspaceID: Int64
    /// The chat it concerns.
    var chatID: Int64

    /// The maintenance pass's wake-up for every watcher (``EventHub/wakeAll(_:)``), which
    /// stands for no entry: its sequence is above every real one, so no watch skips it.
    static func wakeUpCall(workspaceID: Int64, chatID: Int64?) -> Entry {
      Entry(sequence: .max, workspaceID: workspaceID, chatID: chatID ?? 0)
    }

    /// Whether this is ``wakeUpCall(workspaceID:chatID:)`` rather than a committed entry.
    var isWakeUpCall: Bool { sequence == .max }
  }

  /// What a watcher follows: a log of a workspace, or of one of its chats.
  private struct Topic: Hashable {
    let log: Log
    let workspaceID: Int64
    /// Nil for all of the workspace's chats.
    let chatID: Int64?
  }

  private typealias Continuation = AsyncStream<Entry>.Continuation

  /// Watchers by topic, then by subscription id: a commit finds its watchers by key, so its
  /// cost does not grow with every open chat screen of every workspace (a list copied and
  /// scanned at each commit took half the CPU with a thousand chat watches).
  private let subscribers = Mutex<[Topic: [Int: Continuation]]>([:])
  private let closed = Atomic<Bool>(false)
  private let nextID = Atomic<Int>(0)
  private let drops = Atomic<Int>(0)
  private let bufferLimit: Int

  /// A hub that drops watchers more than `bufferLimit` entries behind.
  init(bufferLimit: Int = 4096) {
    self.bufferLimit = bufferLimit
  }

  /// Live entries of `log` for `workspaceID` (only those of `chatID` when given), from now on,
  /// until the stream is dropped or the caller stops iterating.
  ///
  /// A watch of one chat names it: woken by every change in a busy workspace, each open chat
  /// screen read the log again for nothing, thousands of times a second.
  func subscribe(_ log: Log, workspaceID: Int64, chatID: Int64? = nil) -> AsyncStream<Entry> {
    let id = nextID.add(1, ordering: .relaxed).newValue
    let topic = Topic(log: log, workspaceID: workspaceID, chatID: chatID)
    let (stream, continuation) = AsyncStream.makeStream(
      of: Entry.self, bufferingPolicy: .bufferingOldest(bufferLimit))
    guard !isClosed else {
      continuation.finish()
      return stream
    }
    continuation.onTermination = { [weak self] _ in
      self?.subscribers.withLock { subscribers in
        subscribers[topic]?.removeValue(forKey: id)
        if subscribers[topic]?.isEmpty == true { subscribers.removeValue(forKey: topic) }
      }
    }
    subscribers.withLock { $0[topic, default: [:]][id] = continuation }
    return stream
  }

  /// Tells the watchers of each entry's workspace and of its chat, in the order given (commit
  /// order).
  func publish(_ log: Log, _ entries: [Entry]) {
    guard !entries.isEmpty else { return }
    // Who hears what, taken under the lock; yielding (which may resume a watch) outside it.
    let deliveries = subscribers.withLock { subscribers -> [(id: Int, continuation: Continuation, entry: Entry)] in
      guard !subscribers.isEmpty else { return [] }
      var deliveries: [(id: Int, continuation: Continuation, entry: Entry)] = []
      func deliver(_ entry: Entry, to topic: Topic) {
        for (id, continuation) in subscribers[topic] ?? [:] { deliveries.append((id, continuation, entry)) }
      }
      for entry in entries {
        deliver(entry, to: Topic(log: log, workspaceID: entry.workspaceID, chatID: nil))
        deliver(entry, to: Topic(log: log, workspaceID: entry.workspaceID, chatID: entry.chatID))
      }
      return deliveries
    }
    var dropped: Set<Int> = []
    for delivery in deliveries where !dropped.contains(delivery.id) {
      if case .dropped = delivery.continuation.yield(delivery.entry) {
        // Too far behind: end its stream; the watch catches up from the table.
        delivery.continuation.finish()
        drops.add(1, ordering: .relaxed)
        dropped.insert(delivery.id)
      }
    }
  }

  /// Wakes every watcher of `log` as if something new had been committed for it: each reads
  /// the log once, finds nothing of its own, moves its position to the log's newest (see
  /// ``WatchPositions``) and sends its client a bookmark of it.
  func wakeAll(_ log: Log) {
    let all = subscribers.withLock { subscribers in
      subscribers.filter { $0.key.log == log }.flatMap { topic, continuations in
        continuations.values.map { ($0, Entry.wakeUpCall(workspaceID: topic.workspaceID, chatID: topic.chatID)) }
      }
    }
    for (continuation, entry) in all { continuation.yield(entry) }
  }

  /// Whether ``close()`` ran: watches end instead of waiting for more.
  var isClosed: Bool { closed.load(ordering: .acquiring) }

  /// Ends every watcher's stream, and every later one at once: the server is stopping, and
  /// watches (which would otherwise run until the grace period cancels them) end normally so
  /// their callers resume elsewhere from their last sequence number.
  func close() {
    closed.store(true, ordering: .releasing)
    let all = subscribers.withLock { subscribers -> [Continuation] in
      defer { subscribers.removeAll() }
      return subscribers.values.flatMap(\.values)
    }
    for continuation in all { continuation.finish() }
  }

  /// How many watchers are subscribed, for tests and diagnostics.
  var subscriberCount: Int { subscribers.withLock { $0.values.reduce(0) { $0 + $1.count } } }

  /// How many times a watcher fell too far behind and was sent back to the table.
  var droppedWatchers: Int { drops.load(ordering: .relaxed) }
}

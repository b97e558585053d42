import Synchronization

/// Committed changes, fanned out to the live watchers of their workspace. The database's
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
  }

  private struct Subscriber {
    let log: Log
    let workspaceID: Int64
    /// The one chat it follows; nil for all of the workspace's.
    let chatID: Int64?
    let continuation: AsyncStream<Entry>.Continuation

    func wants(_ entry: Entry) -> Bool {
      entry.workspaceID == workspaceID && (chatID == nil || entry.chatID == chatID)
    }
  }

  private let subscribers = Mutex<[Int: Subscriber]>([:])
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
    let (stream, continuation) = AsyncStream.makeStream(
      of: Entry.self, bufferingPolicy: .bufferingOldest(bufferLimit))
    guard !isClosed else {
      continuation.finish()
      return stream
    }
    continuation.onTermination = { [weak self] _ in
      _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
    }
    subscribers.withLock {
      $0[id] = Subscriber(log: log, workspaceID: workspaceID, chatID: chatID, continuation: continuation)
    }
    return stream
  }

  /// Tells the watchers of each entry's workspace (or chat), in the order given (commit order).
  func publish(_ log: Log, _ entries: [Entry]) {
    guard !entries.isEmpty else { return }
    let targets = subscribers.withLock { subscribers in
      subscribers.values.filter { $0.log == log }
    }
    for subscriber in targets {
      for entry in entries where subscriber.wants(entry) {
        if case .dropped = subscriber.continuation.yield(entry) {
          // Too far behind: end its stream; the watch catches up from the table.
          subscriber.continuation.finish()
          drops.add(1, ordering: .relaxed)
          break
        }
      }
    }
  }

  /// Whether ``close()`` ran: watches end instead of waiting for more.
  var isClosed: Bool { closed.load(ordering: .acquiring) }

  /// Ends every watcher's stream, and every later one at once: the server is stopping, and
  /// watches (which would otherwise run until the grace period cancels them) end normally so
  /// their callers resume elsewhere from their last sequence number.
  func close() {
    closed.store(true, ordering: .releasing)
    let all = subscribers.withLock { subscribers -> [Subscriber] in
      defer { subscribers.removeAll() }
      return Array(subscribers.values)
    }
    for subscriber in all { subscriber.continuation.finish() }
  }

  /// How many watchers are subscribed, for tests and diagnostics.
  var subscriberCount: Int { subscribers.withLock { $0.count } }

  /// How many times a watcher fell too far behind and was sent back to the table.
  var droppedWatchers: Int { drops.load(ordering: .relaxed) }
}

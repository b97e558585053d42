import Synchronization

/// Where each open inbox or chat watch has read the watch log up to. Pruning never passes the
/// oldest: an open watch reads on, however quiet its chat was, instead of being cut off with
/// `outOfRange` (the maintenance pass also wakes every watch, so a quiet one moves its position
/// to the log's newest and holds nothing back for long).
final class WatchPositions: Sendable {
  private let positions = Mutex<[Int: Int64]>([:])
  private let nextID = Atomic<Int>(0)

  /// Records a watch starting after `position`; returns its handle.
  func open(at position: Int64) -> Int {
    let id = nextID.add(1, ordering: .relaxed).newValue
    positions.withLock { $0[id] = position }
    return id
  }

  /// The watch `id` has read everything up to `position`.
  func move(_ id: Int, to position: Int64) {
    positions.withLock { $0[id] = position }
  }

  /// The watch `id` ended.
  func close(_ id: Int) {
    _ = positions.withLock { $0.removeValue(forKey: id) }
  }

  /// The oldest position of an open watch; nil when none is open.
  var oldest: Int64? { positions.withLock { $0.values.min() } }
}

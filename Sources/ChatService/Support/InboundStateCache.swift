import Synchronization

/// Each recently active user's contact and chat as their last message left them, so that their
/// next message is decided without reading the database: reading took a reader as long as
/// the writer takes to store the message.
///
/// A remembered state may be stale (an agent took the chat, an admin renamed a tag): the
/// writer checks the contact's and the chat's versions before storing anything decided from
/// it, and a stale decision is made again on the writer, which remembers the fresh state.
///
/// Bounded by two generations of `capacity` users each: when the current one fills up it
/// becomes the previous one and the oldest is dropped, so a user active within the last
/// `capacity` others stays in, without an LRU's bookkeeping on every lookup.
final class InboundStateCache: Sendable {
  /// A user of a workspace.
  struct Key: Hashable, Sendable {
    var workspaceID: Int64
    var waUserID: String
  }

  private struct Generations {
    var current: [Key: InboundState] = [:]
    var previous: [Key: InboundState] = [:]
  }

  private let generations = Mutex(Generations())
  let capacity: Int

  /// A cache of at most `2 × capacity` users.
  init(capacity: Int = 16_384) {
    precondition(capacity > 0, "an inbound state cache needs room for at least one user")
    self.capacity = capacity
  }

  /// The state remembered for `key`, if any.
  func state(for key: Key) -> InboundState? {
    generations.withLock { $0.current[key] ?? $0.previous[key] }
  }

  /// Remembers `state` for `key`, unless a state of a later chat version is already there
  /// (two messages of one user can finish in either order).
  func remember(_ state: InboundState, for key: Key) {
    generations.withLock { generations in
      if let known = generations.current[key] ?? generations.previous[key], known.record.version > state.record.version {
        return
      }
      if generations.current.count >= capacity, generations.current[key] == nil {
        generations.previous = generations.current
        generations.current = [:]
      }
      generations.current[key] = state
    }
  }

  /// Forgets `key`'s state: the next message reads it again.
  func forget(_ key: Key) {
    generations.withLock { generations in
      generations.current[key] = nil
      generations.previous[key] = nil
    }
  }

  /// How many users are remembered.
  var count: Int {
    generations.withLock { generations in
      generations.current.count + generations.previous.keys.filter { generations.current[$0] == nil }.count
    }
  }
}

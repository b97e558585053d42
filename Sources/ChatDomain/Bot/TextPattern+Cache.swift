internal import Synchronization

extension TextPattern {
  /// Compiled keywords, phrases and patterns by their text: a configuration's patterns are
  /// the same for every message, and compiling them (folding, splitting) cost more than
  /// matching. Bounded: emptied when it holds more than `limit` entries.
  private static let cache = Mutex<[CacheKey: TextPattern]>([:])
  private static let limit = 4096

  private struct CacheKey: Hashable {
    var text: String
    var isPattern: Bool
  }

  /// The compiled keyword or phrase `text`.
  static func phrase(_ text: String) -> TextPattern {
    cached(CacheKey(text: text, isPattern: false)) { TextPattern(phrase: text) }
  }

  /// The compiled pattern `text`.
  static func pattern(_ text: String) -> TextPattern {
    cached(CacheKey(text: text, isPattern: true)) { TextPattern(pattern: text) }
  }

  private static func cached(_ key: CacheKey, _ compile: () -> TextPattern) -> TextPattern {
    if let hit = cache.withLock({ $0[key] }) { return hit }
    let compiled = compile()
    cache.withLock { cache in
      if cache.count >= limit { cache.removeAll(keepingCapacity: true) }
      cache[key] = compiled
    }
    return compiled
  }
}

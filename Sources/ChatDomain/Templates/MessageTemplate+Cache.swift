internal import Synchronization

extension MessageTemplate {
  /// Parsed bot replies by their text: a configuration's replies are the same for every
  /// message, and parsing them again cost more than rendering. Bounded like the pattern cache.
  private static let cache = Mutex<[String: MessageTemplate?]>([:])
  private static let limit = 4096

  /// The template `text` parses to, or nil when it is not a valid template.
  static func cached(_ text: String) -> MessageTemplate? {
    if let hit = cache.withLock({ $0[text] }) { return hit }
    let parsed = try? MessageTemplate(text)
    cache.withLock { cache in
      if cache.count >= limit { cache.removeAll(keepingCapacity: true) }
      cache[text] = parsed
    }
    return parsed
  }
}

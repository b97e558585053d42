/// Key/value pairs that travel with a call: the caller's metadata (such as `authorization`)
/// and, on the way back, trailing metadata.
///
/// Keys are 1...255 bytes of lowercase `a-z 0-9 - _ .` (the wire rule); a key may repeat, and
/// order is kept. A key outside the rule fails the call with `invalidArgument` when it is sent.
public struct Metadata: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
  /// One key and value.
  public struct Entry: Sendable, Hashable {
    /// The key, lowercase.
    public var key: String
    /// The value, as text.
    public var value: String

    /// Creates an entry.
    public init(key: String, value: String) {
      self.key = key
      self.value = value
    }
  }

  /// The entries, in order.
  public private(set) var entries: [Entry]

  /// Creates empty metadata.
  public init() { entries = [] }

  /// Creates metadata from pairs, in order.
  public init(dictionaryLiteral elements: (String, String)...) {
    entries = elements.map { Entry(key: $0.0, value: $0.1) }
  }

  /// Whether there are no entries.
  public var isEmpty: Bool { entries.isEmpty }

  /// The number of entries.
  public var count: Int { entries.count }

  /// Adds an entry after the others; an existing entry with the same key stays.
  public mutating func append(key: String, value: String) {
    entries.append(Entry(key: key, value: value))
  }

  /// Replaces every entry named `key` with one holding `value`, or removes them for `nil`.
  public subscript(key: String) -> String? {
    get { entries.first { $0.key == key }?.value }
    set {
      entries.removeAll { $0.key == key }
      if let newValue { entries.append(Entry(key: key, value: newValue)) }
    }
  }

  /// Every value stored under `key`, in order.
  public func values(forKey key: String) -> [String] {
    entries.lazy.filter { $0.key == key }.map(\.value)
  }

  /// Walks the entries in order.
  public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }
}

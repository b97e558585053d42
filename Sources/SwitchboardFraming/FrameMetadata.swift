/// Metadata (CALL_START) or trailing metadata (END) in its wire form: an ordered list of
/// key/value pairs, where a key may repeat.
///
/// It keeps the encoded entries rather than an array of pairs, so decoding is a slice of the
/// frame's payload (no allocation) and encoding is one copy. Iterate it to read the pairs.
///
/// On the wire: `count: u16`, then per entry `key length: u8`, key (1...255 bytes of
/// `a-z 0-9 - _ .`), `value length: u16`, value (0...65535 opaque bytes).
public struct FrameMetadata: Hashable, Sendable, Sequence {
  /// Entries in wire form, without the count prefix. Always valid by construction.
  @usableFromInline
  private(set) var entries: ArraySlice<UInt8>
  /// Number of entries.
  public private(set) var count: Int

  /// The most entries one block may hold.
  public static let maxCount = 0xFFFF
  /// The longest key, in bytes.
  public static let maxKeyLength = 0xFF
  /// The longest value, in bytes.
  public static let maxValueLength = 0xFFFF

  /// Creates empty metadata (no allocation).
  public init() {
    entries = []
    count = 0
  }

  /// Wraps entries already validated by the decoder.
  init(validatedEntries: ArraySlice<UInt8>, count: Int) {
    self.entries = validatedEntries
    self.count = count
  }

  /// Creates metadata from key/value pairs, in order.
  ///
  /// - Throws: ``FramingError/Code/invalidValue`` for a key or value the wire cannot carry.
  public init(_ pairs: [(key: String, value: String)]) throws(FramingError) {
    self.init()
    for (key, value) in pairs { try append(key: key, value: value) }
  }

  /// Whether there are no entries.
  public var isEmpty: Bool { count == 0 }

  /// Bytes this block takes on the wire, count prefix included.
  public var encodedLength: Int { 2 + entries.count }

  /// Whether `key` is 1...255 bytes of lowercase ASCII letters, digits, `-`, `_` or `.`.
  public static func isValidKey(_ key: some Collection<UInt8>) -> Bool {
    guard (1...maxKeyLength).contains(key.count) else { return false }
    return key.allSatisfy(isKeyByte)
  }

  @usableFromInline
  static func isKeyByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
      UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
      true
    default: false
    }
  }

  /// Appends an entry with a byte value.
  ///
  /// - Throws: ``FramingError/Code/invalidValue`` when the key is not valid (see
  ///   ``isValidKey(_:)``), the value is longer than 65535 bytes or the block is full.
  public mutating func append(key: String, value: some Collection<UInt8>) throws(FramingError) {
    let keyBytes = key.utf8
    guard FrameMetadata.isValidKey(keyBytes) else {
      throw FramingError(
        .invalidValue,
        "metadata key \"\(key)\" must be 1...255 bytes of lowercase a-z, 0-9, '-', '_' or '.'")
    }
    guard value.count <= FrameMetadata.maxValueLength else {
      throw FramingError(
        .invalidValue,
        "metadata value for \"\(key)\" is \(value.count) bytes; at most 65535 fit")
    }
    guard count < FrameMetadata.maxCount else {
      throw FramingError(.invalidValue, "metadata holds at most 65535 entries")
    }
    entries.append(UInt8(truncatingIfNeeded: keyBytes.count))
    entries.append(contentsOf: keyBytes)
    entries.append(UInt8(truncatingIfNeeded: value.count >> 8))
    entries.append(UInt8(truncatingIfNeeded: value.count))
    entries.append(contentsOf: value)
    count += 1
  }

  /// Appends an entry with a text value (its UTF-8 bytes).
  public mutating func append(key: String, value: String) throws(FramingError) {
    try append(key: key, value: value.utf8)
  }

  /// The values of every entry named `key`, in order.
  public func values(forKey key: String) -> [ArraySlice<UInt8>] {
    var found: [ArraySlice<UInt8>] = []
    for entry in self where entry.key == key { found.append(entry.value) }
    return found
  }

  /// The value of the first entry named `key`.
  public func first(forKey key: String) -> ArraySlice<UInt8>? {
    for entry in self where entry.key == key { return entry.value }
    return nil
  }

  /// Appends the block (count prefix and entries) to `buffer`.
  @inlinable
  public func encode(into buffer: inout [UInt8]) {
    buffer.appendUInt16(UInt16(truncatingIfNeeded: count))
    buffer.append(contentsOf: entries)
  }

  /// Walks the entries in order.
  public func makeIterator() -> Iterator { Iterator(entries) }

  /// Walks the entries of a ``FrameMetadata``.
  public struct Iterator: IteratorProtocol {
    private var rest: ArraySlice<UInt8>

    init(_ entries: ArraySlice<UInt8>) { rest = entries }

    /// The next entry: its key as a string, its value as a slice of the block (no copy).
    public mutating func next() -> (key: String, value: ArraySlice<UInt8>)? {
      // The block was validated on construction; these guards only stop a walk over
      // inconsistent bytes instead of trapping.
      var i = rest.startIndex
      guard i < rest.endIndex else { return nil }
      let keyLength = Int(rest[i])
      i += 1
      guard rest.endIndex - i >= keyLength + 2 else { return nil }
      let key = String(decoding: rest[i..<i + keyLength], as: UTF8.self)
      i += keyLength
      let valueLength = Int(rest[i]) << 8 | Int(rest[i + 1])
      i += 2
      guard rest.endIndex - i >= valueLength else { return nil }
      let value = rest[i..<i + valueLength]
      rest = rest[(i + valueLength)...]
      return (key, value)
    }
  }
}

extension PayloadReader {
  /// Reads and validates a metadata block; the result is a slice of the payload.
  mutating func readMetadata(_ field: @autoclosure () -> String) throws(FramingError)
    -> FrameMetadata
  {
    let count = Int(try readUInt16("\(field()) count"))
    let block = bytes
    for index in 0..<count {
      let keyLength = Int(try readUInt8("\(field()) key length (entry \(index))"))
      let key = try readBytes(keyLength, "\(field()) key (entry \(index))")
      guard keyLength > 0, key.allSatisfy(FrameMetadata.isKeyByte) else {
        throw malformed(
          "\(field()) key of entry \(index) must be 1...255 bytes of lowercase a-z, 0-9, '-', '_' or '.'"
        )
      }
      let valueLength = Int(try readUInt16("\(field()) value length (entry \(index))"))
      _ = try readBytes(valueLength, "\(field()) value (entry \(index))")
    }
    return FrameMetadata(validatedEntries: block[..<bytes.startIndex], count: count)
  }
}

/// A Bloom filter of idempotency keys (a workspace and an ``InboundIDDigest``): "certainly not
/// stored" for almost every new id, without reading the database.
///
/// Blocked: a key's seven bits lie in one 512-bit block, a single cache line, so a test costs
/// one memory access however large the filter is. Sixteen bits per key of capacity; filled to
/// capacity it answers "maybe" for about one absent key in a thousand.
/// A digest is already uniformly random, so its bytes are the hashes: nothing is computed.
struct DigestFilter: Sendable {
  /// A key's two hashes: the first picks the block, the second the bits within it.
  struct Key: Equatable {
    let block: UInt64
    let bits: UInt64

    /// The key of `digest` (at least 16 bytes) in `workspaceID`.
    init(workspaceID: Int64, digest: some Collection<UInt8>) {
      var first: UInt64 = 0
      var second: UInt64 = 0
      for (index, byte) in digest.prefix(16).enumerated() {
        if index < 8 {
          first = first << 8 | UInt64(byte)
        } else {
          second = second << 8 | UInt64(byte)
        }
      }
      // A workspace's keys land elsewhere than another's with the same digest; the odd
      // multiplier spreads small workspace ids over every bit.
      block = first ^ (UInt64(bitPattern: workspaceID) &* 0x9E37_79B9_7F4A_7C15)
      bits = second
    }
  }

  /// Keys this filter takes before its false answers pass one in a thousand.
  let capacity: Int
  /// Keys inserted.
  private(set) var count = 0
  private var words: [UInt64]
  private let blockCount: UInt64

  static let bitsPerKey = 16
  private static let bitsPerBlock = 512
  private static let wordsPerBlock = bitsPerBlock / 64
  private static let bitsPerKeyPerTest = 7

  init(capacity: Int) {
    self.capacity = max(capacity, 1)
    let blocks = (self.capacity * Self.bitsPerKey + Self.bitsPerBlock - 1) / Self.bitsPerBlock
    blockCount = UInt64(blocks)
    words = Array(repeating: 0, count: blocks * Self.wordsPerBlock)
  }

  /// Whether the filter is full: more keys would raise its false answers past its promise.
  var isFull: Bool { count >= capacity }

  /// Remembers `key`.
  mutating func insert(_ key: Key) {
    let base = firstWord(of: key)
    var bits = key.bits
    words.withUnsafeMutableBufferPointer { words in
      for _ in 0..<Self.bitsPerKeyPerTest {
        let bit = Int(bits & 511)
        words[base + (bit >> 6)] |= 1 << UInt64(bit & 63)
        bits >>= 9
      }
    }
    count += 1
  }

  /// False when `key` was certainly never inserted; true when it may have been.
  func mayContain(_ key: Key) -> Bool {
    let base = firstWord(of: key)
    var bits = key.bits
    return words.withUnsafeBufferPointer { words in
      for _ in 0..<Self.bitsPerKeyPerTest {
        let bit = Int(bits & 511)
        if words[base + (bit >> 6)] & (1 << UInt64(bit & 63)) == 0 { return false }
        bits >>= 9
      }
      return true
    }
  }

  /// The first word of the key's block: the high half of a multiply maps the hash onto the
  /// blocks evenly, without a division.
  private func firstWord(of key: Key) -> Int {
    Int(key.block.multipliedFullWidth(by: blockCount).high) * Self.wordsPerBlock
  }
}

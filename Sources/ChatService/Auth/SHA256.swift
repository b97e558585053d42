/// SHA-256 (FIPS 180-4), for storing API keys and agent tokens as digests: the database never
/// holds a secret that works if it leaks. The toolchain on Linux has no CryptoKit, hence ours.
///
/// Every authenticated call digests its credential, so this runs once per call: input is
/// taken in whole 64-byte blocks where it is contiguous, and a block is compressed in a
/// stack buffer, with no allocation.
struct SHA256 {
  private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
    0x5be0_cd19
  )
  /// Input not yet compressed: less than a block.
  private var pending: [UInt8] = []
  private var length: UInt64 = 0

  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]

  /// The digest of `bytes`.
  static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// Feeds more input.
  mutating func update(_ bytes: some Sequence<UInt8>) {
    let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
    if done == nil { Array(bytes).withUnsafeBytes { update($0) } }
  }

  /// Feeds contiguous input: whole blocks straight from it, the rest kept for later.
  private mutating func update(_ input: UnsafeRawBufferPointer) {
    length &+= UInt64(input.count)
    var rest = input[...]
    if !pending.isEmpty {
      let taken = min(64 - pending.count, rest.count)
      pending += rest.prefix(taken)
      rest = rest.dropFirst(taken)
      guard pending.count == 64 else { return }
      pending.withUnsafeBytes { compress($0) }
      pending.removeAll(keepingCapacity: true)
    }
    while rest.count >= 64 {
      compress(UnsafeRawBufferPointer(rebasing: rest.prefix(64)))
      rest = rest.dropFirst(64)
    }
    pending += rest
  }

  /// Pads, compresses the last block(s) and returns the 32-byte digest.
  consuming func finalize() -> [UInt8] {
    let bitLength = length &* 8
    // The padding: 0x80, zeros, and the length in bits as 8 big-endian bytes, ending a block;
    // one block when what is pending leaves room for the nine bytes, two otherwise.
    let blocks = pending.count < 56 ? 1 : 2
    withUnsafeTemporaryAllocation(byteCount: blocks * 64, alignment: 8) { tail in
      tail.initializeMemory(as: UInt8.self, repeating: 0)
      pending.withUnsafeBytes { tail.copyMemory(from: $0) }
      tail[pending.count] = 0x80
      for index in 0..<8 {
        tail[tail.count - 1 - index] = UInt8(truncatingIfNeeded: bitLength >> UInt64(index * 8))
      }
      for start in stride(from: 0, to: tail.count, by: 64) {
        compress(UnsafeRawBufferPointer(rebasing: tail[start..<start + 64]))
      }
    }
    let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
    return [UInt8](unsafeUninitializedCapacity: 32) { digest, count in
      for (index, word) in words.enumerated() {
        digest[index * 4] = UInt8(truncatingIfNeeded: word >> 24)
        digest[index * 4 + 1] = UInt8(truncatingIfNeeded: word >> 16)
        digest[index * 4 + 2] = UInt8(truncatingIfNeeded: word >> 8)
        digest[index * 4 + 3] = UInt8(truncatingIfNeeded: word)
      }
      count = 32
    }
  }

  /// Compresses one 64-byte block into the state.
  private mutating func compress(_ block: UnsafeRawBufferPointer) {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
      for t in 0..<16 {
        w[t] = UInt32(block[t * 4]) << 24 | UInt32(block[t * 4 + 1]) << 16
          | UInt32(block[t * 4 + 2]) << 8 | UInt32(block[t * 4 + 3])
      }
      for t in 16..<64 {
        let s0 = w[t - 15].rotatedRight(7) ^ w[t - 15].rotatedRight(18) ^ (w[t - 15] >> 3)
        let s1 = w[t - 2].rotatedRight(17) ^ w[t - 2].rotatedRight(19) ^ (w[t - 2] >> 10)
        w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
      }
      var (a, b, c, d, e, f, g, h) = state
      Self.k.withUnsafeBufferPointer { k in
        for t in 0..<64 {
          let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
          let choice = (e & f) ^ (~e & g)
          let t1 = h &+ s1 &+ choice &+ k[t] &+ w[t]
          let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
          let majority = (a & b) ^ (a & c) ^ (b & c)
          let t2 = s0 &+ majority
          (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
        }
      }
      state = (
        state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g,
        state.7 &+ h
      )
    }
  }
}

extension UInt32 {
  fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
    (self >> count) | (self << (32 - count))
  }
}

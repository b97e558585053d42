/// SplitMix64: a small, fast, seeded generator, so every randomised and abuse test run feeds the
/// same inputs and a failure names a seed that reproduces it.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator that always produces the same sequence for `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// The varint encoding of `value` by the textbook loop (seven bits a byte, low bits first): an
/// independent reference for the runtime's varints and a builder of hand-made inputs.
public func referenceVarint(_ value: UInt64) -> [UInt8] {
  var value = value
  var bytes: [UInt8] = []
  repeat {
    let low = UInt8(value & 0x7F)
    value >>= 7
    bytes.append(value == 0 ? low : low | 0x80)
  } while value != 0
  return bytes
}

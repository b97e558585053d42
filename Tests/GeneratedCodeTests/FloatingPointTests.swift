import EverythingSchema
import SwitchboardRPC
import Testing

/// Protects floating-point fields bit for bit: negative zero is written (its bits are not
/// zero) and stays negative, NaN payloads and infinities survive in singular, optional,
/// repeated and map fields. NaN is not equal to itself, so these tests compare bit patterns.
@Suite("Floating point")
struct FloatingPointTests {
  static let doubles: [UInt64] = [
    0x8000_0000_0000_0000,  // -0.0
    0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000,  // ±infinity
    0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0000,  // quiet NaNs
    0x7FF8_0000_DEAD_BEEF, 0x7FF0_0000_0000_0001,  // NaN with a payload, signalling NaN
    0x0000_0000_0000_0001,  // smallest subnormal
  ]

  static let floats: [UInt32] = [
    0x8000_0000, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0000, 0x7FC0_BEEF, 0x7F80_0001,
    0x0000_0001,
  ]

  @Test("-0.0 is written, since its bits are not zero, and stays negative")
  func negativeZero() throws {
    let message = Scalars(aDouble: -0.0, aFloat: -0.0)
    // Field 1 (fixed64): 09, then 0x8000_0000_0000_0000 little-endian; field 2 (fixed32): 15,
    // then 0x8000_0000 little-endian.
    #expect(message.serializedBytes() == [0x09, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x15, 0, 0, 0, 0x80])
    let decoded = try roundTripped(message)
    #expect(decoded.aDouble.sign == .minus && decoded.aDouble == 0)
    #expect(decoded.aFloat.sign == .minus && decoded.aFloat == 0)
    // +0.0 is the default and is not written.
    #expect(Scalars(aDouble: 0.0, aFloat: 0.0).serializedBytes() == [])
  }

  @Test("double bit patterns survive in every kind of field", arguments: doubles)
  func doubleBits(pattern: UInt64) throws {
    let value = Double(bitPattern: pattern)
    let little = (0..<8).map { UInt8(truncatingIfNeeded: pattern >> (8 * UInt64($0))) }
    #expect(Scalars(aDouble: value).serializedBytes() == [0x09] + little)
    #expect(try roundTripped(Scalars(aDouble: value)).aDouble.bitPattern == pattern)
    #expect(try roundTripped(OptionalScalars(aDouble: value)).aDouble?.bitPattern == pattern)
    let repeated = try roundTripped(Repeated(doubles: [value, 1, value]))
    #expect(repeated.doubles.map(\.bitPattern) == [pattern, Double(1).bitPattern, pattern])
    let maps = try roundTripped(Maps(uint64ToDouble: [7: value]))
    #expect(maps.uint64ToDouble[7]?.bitPattern == pattern)
  }

  @Test("float bit patterns survive in every kind of field", arguments: floats)
  func floatBits(pattern: UInt32) throws {
    let value = Float(bitPattern: pattern)
    let little = (0..<4).map { UInt8(truncatingIfNeeded: pattern >> (8 * UInt32($0))) }
    #expect(Scalars(aFloat: value).serializedBytes() == [0x15] + little)
    #expect(try roundTripped(Scalars(aFloat: value)).aFloat.bitPattern == pattern)
    #expect(try roundTripped(OptionalScalars(aFloat: value)).aFloat?.bitPattern == pattern)
    let repeated = try roundTripped(Repeated(floats: [value, value]))
    #expect(repeated.floats.map(\.bitPattern) == [pattern, pattern])
    let maps = try roundTripped(Maps(sint32ToFloat: [-1: value]))
    #expect(maps.sint32ToFloat[-1]?.bitPattern == pattern)
  }

  @Test("infinities compare equal after a round trip")
  func infinities() throws {
    try expectRoundTrip(Scalars(aDouble: .infinity, aFloat: -.infinity))
    try expectRoundTrip(Scalars(aDouble: -.infinity, aFloat: .infinity))
    try expectRoundTrip(
      Repeated(doubles: [.infinity, -.infinity], floats: [-.infinity, .infinity]))
  }
}

/// The six wire types of the protobuf binary format (the low three bits of a field's tag).
@frozen
public enum WireType: UInt8, Sendable, Hashable {
  /// int32, int64, uint32, uint64, sint32, sint64, bool, enum.
  case varint = 0
  /// fixed64, sfixed64, double.
  case fixed64 = 1
  /// string, bytes, embedded messages, packed repeated fields, map entries.
  case lengthDelimited = 2
  /// proto2 group start: skipped as an unknown field, never produced.
  case startGroup = 3
  /// proto2 group end.
  case endGroup = 4
  /// fixed32, sfixed32, float.
  case fixed32 = 5
}

/// Tags and ZigZag, the two bit-level conventions of the format.
public enum WireFormat {
  /// The largest field number protobuf allows (2^29 - 1).
  public static let maxFieldNumber: Int32 = 536_870_911

  /// The maximum nesting of messages (and groups) a decoder accepts, as in protobuf's runtimes.
  public static let maxNesting = 100

  /// The tag of a field: its number shifted left by three, or'ed with the wire type.
  @inlinable
  public static func tag(fieldNumber: Int32, wireType: WireType) -> UInt32 {
    UInt32(bitPattern: fieldNumber) << 3 | UInt32(wireType.rawValue)
  }

  /// Maps signed to unsigned so small magnitudes stay small (sint32).
  @inlinable
  public static func zigZag(_ value: Int32) -> UInt32 {
    UInt32(bitPattern: (value << 1) ^ (value >> 31))
  }

  /// Maps signed to unsigned so small magnitudes stay small (sint64).
  @inlinable
  public static func zigZag(_ value: Int64) -> UInt64 {
    UInt64(bitPattern: (value << 1) ^ (value >> 63))
  }

  /// The inverse of ``zigZag(_:)-(Int32)``.
  @inlinable
  public static func unZigZag(_ value: UInt32) -> Int32 {
    Int32(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
  }

  /// The inverse of ``zigZag(_:)-(Int64)``.
  @inlinable
  public static func unZigZag(_ value: UInt64) -> Int64 {
    Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
  }
}

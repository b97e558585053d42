/// Encoded sizes, so an encoder can allocate its output exactly once.
///
/// Generated `serializedSize()` implementations add these up field by field.
public enum WireSize {
  /// Bytes a base-128 varint of `value` takes (1...10).
  @inlinable @inline(__always)
  public static func varint(_ value: UInt64) -> Int {
    // Each byte carries 7 bits; `| 1` makes zero count as one significant bit.
    let bits = 64 &- (value | 1).leadingZeroBitCount
    return (bits &+ 6) / 7
  }

  /// Bytes a varint of `value` takes (1...5).
  @inlinable @inline(__always)
  public static func varint(_ value: UInt32) -> Int {
    let bits = 32 &- (value | 1).leadingZeroBitCount
    return (bits &+ 6) / 7
  }

  /// Bytes an `int32` takes: negative values are sign-extended to ten bytes.
  @inlinable @inline(__always)
  public static func int32(_ value: Int32) -> Int {
    value < 0 ? 10 : varint(UInt32(bitPattern: value))
  }

  /// Bytes an `int64` takes.
  @inlinable @inline(__always)
  public static func int64(_ value: Int64) -> Int {
    varint(UInt64(bitPattern: value))
  }

  /// Bytes an `sint32` takes.
  @inlinable @inline(__always)
  public static func sint32(_ value: Int32) -> Int {
    varint(WireFormat.zigZag(value))
  }

  /// Bytes an `sint64` takes.
  @inlinable @inline(__always)
  public static func sint64(_ value: Int64) -> Int {
    varint(WireFormat.zigZag(value))
  }

  /// Bytes a length-delimited value of `count` bytes takes, its length prefix included.
  @inlinable @inline(__always)
  public static func lengthDelimited(_ count: Int) -> Int {
    varint(UInt64(truncatingIfNeeded: count)) &+ count
  }

  /// Bytes a `string` takes, its length prefix included.
  @inlinable @inline(__always)
  public static func string(_ value: String) -> Int {
    lengthDelimited(value.utf8.count)
  }

  /// Bytes a `bytes` value takes, its length prefix included.
  @inlinable @inline(__always)
  public static func bytes(_ value: [UInt8]) -> Int {
    lengthDelimited(value.count)
  }

  /// Bytes an embedded message takes, its length prefix included.
  @inlinable @inline(__always)
  public static func message(_ value: some WireMessage) -> Int {
    lengthDelimited(value.serializedSize())
  }
}

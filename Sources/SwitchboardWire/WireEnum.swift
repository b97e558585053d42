/// A protobuf enum: its known cases plus `unrecognized(Int32)`, so that a value from a newer
/// schema survives a decode and re-encode.
public protocol WireEnum: Sendable, Hashable, CaseIterable, RawRepresentable where RawValue == Int32 {
  /// Creates the case for a number; numbers this schema does not know become `unrecognized`.
  init(rawValue: Int32)
}

/// Holds a value on the heap so that a message can contain itself (through `optional` fields
/// or oneof cases) while keeping value semantics: the box is immutable and replaced on write.
public final class WireBox<Value: Sendable & Hashable>: Sendable, Hashable {
  /// The boxed value.
  public let value: Value

  /// Boxes a value.
  @inlinable
  public init(_ value: Value) {
    self.value = value
  }

  /// Boxes compare by value.
  @inlinable
  public static func == (lhs: WireBox, rhs: WireBox) -> Bool {
    lhs === rhs || lhs.value == rhs.value
  }

  /// Hashes the value.
  @inlinable
  public func hash(into hasher: inout Hasher) {
    hasher.combine(value)
  }
}

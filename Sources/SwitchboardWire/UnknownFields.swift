/// Fields a message did not recognise, kept byte for byte and written again on encode.
///
/// This is what lets a service built from an older schema relay a newer message without
/// losing a byte: unknown fields are appended after the known ones, as protobuf's runtimes do.
@frozen
public struct UnknownFields: Sendable, Hashable {
  /// The raw encoded fields (tags and values), in the order they arrived.
  public var bytes: [UInt8]

  /// Creates an empty set of unknown fields.
  @inlinable
  public init() {
    bytes = []
  }

  /// Creates unknown fields from already-encoded bytes.
  @inlinable
  public init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Whether nothing unknown was kept.
  @inlinable
  public var isEmpty: Bool { bytes.isEmpty }

  /// The encoded size of the kept fields.
  @inlinable
  public var count: Int { bytes.count }
}

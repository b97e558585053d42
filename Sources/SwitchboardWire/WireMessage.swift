/// A protobuf message: what generated structs conform to.
///
/// Generated code implements the four requirements; everything a user calls
/// (``serializedBytes()``, ``init(serializedBytes:)``) comes from the extension.
public protocol WireMessage: Sendable, Hashable {
  /// Creates a message with every field at its default.
  init()

  /// Fields decoded but not known to this schema, written again on encode.
  var unknownFields: UnknownFields { get set }

  /// The exact number of bytes ``encode(to:)`` writes.
  func serializedSize() -> Int

  /// Writes every field, in field-number order, then the unknown fields.
  func encode(to writer: inout WireWriter)

  /// Reads fields until the reader's current limit, merging them into `self`.
  mutating func decodeFields(from reader: inout WireReader) throws(WireDecodingError)
}

extension WireMessage {
  /// The message in the protobuf binary format.
  @inlinable
  public func serializedBytes() -> [UInt8] {
    let size = serializedSize()
    return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
      var writer = WireWriter(buffer)
      encode(to: &writer)
      precondition(writer.count == size, "message changed size while being encoded")
      initialized = size
    }
  }

  /// Decodes a message from the protobuf binary format.
  ///
  /// - Throws: ``WireDecodingError`` saying what is wrong and at which byte.
  @inlinable
  public init(serializedBytes bytes: some Collection<UInt8>) throws(WireDecodingError) {
    self.init()
    try merge(serializedBytes: bytes)
  }

  /// Decodes fields from `bytes` into this message: scalars are replaced, repeated fields
  /// appended, embedded messages merged, as protobuf defines for concatenated messages.
  @inlinable
  public mutating func merge(serializedBytes bytes: some Collection<UInt8>) throws(WireDecodingError) {
    var failure: WireDecodingError?
    let contiguous: Void? = bytes.withContiguousStorageIfAvailable { buffer in
      failure = mergeFields(from: UnsafeRawBufferPointer(buffer))
    }
    if contiguous == nil {
      failure = Array(bytes).withUnsafeBytes { mergeFields(from: $0) }
    }
    if let failure { throw failure }
  }

  @inlinable
  mutating func mergeFields(from buffer: UnsafeRawBufferPointer) -> WireDecodingError? {
    var reader = WireReader(buffer)
    do {
      try decodeFields(from: &reader)
      return nil
    } catch {
      return error
    }
  }
}

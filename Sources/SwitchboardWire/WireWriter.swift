/// Writes protobuf wire values into memory sized beforehand by `serializedSize()`.
///
/// Generated code computes a message's exact size, allocates once, then writes each field
/// through this cursor. Every write checks the bounds, so a size mismatch is a crash at the
/// faulty write, never a memory corruption.
@frozen
public struct WireWriter {
  @usableFromInline var cursor: UnsafeMutablePointer<UInt8>
  @usableFromInline let start: UnsafeMutablePointer<UInt8>
  @usableFromInline let end: UnsafeMutablePointer<UInt8>

  /// Creates a writer that fills `buffer` from its start.
  @inlinable
  public init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
    // An empty buffer may have no base address; any non-null pointer serves as its bounds.
    let base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 1).unsafelyUnwrapped
    self.cursor = base
    self.start = base
    self.end = base + buffer.count
  }

  /// How many bytes have been written.
  @inlinable
  public var count: Int { cursor - start }

  @inlinable @inline(__always)
  mutating func reserve(_ byteCount: Int) -> UnsafeMutablePointer<UInt8> {
    precondition(end - cursor >= byteCount, "message changed size while being encoded")
    let at = cursor
    cursor += byteCount
    return at
  }

  /// Writes a base-128 varint.
  @inlinable @inline(__always)
  public mutating func writeVarint(_ value: UInt64) {
    var value = value
    var at = reserve(WireSize.varint(value))
    while value >= 0x80 {
      at.pointee = UInt8(truncatingIfNeeded: value) | 0x80
      at += 1
      value >>= 7
    }
    at.pointee = UInt8(truncatingIfNeeded: value)
  }

  /// Writes a tag computed by the generator (field number and wire type).
  @inlinable @inline(__always)
  public mutating func writeTag(_ tag: UInt32) {
    writeVarint(UInt64(tag))
  }

  /// Writes an `int32`, sign-extending negative values to ten bytes as protobuf requires.
  @inlinable @inline(__always)
  public mutating func writeInt32(_ value: Int32) {
    writeVarint(UInt64(bitPattern: Int64(value)))
  }

  /// Writes an `int64`.
  @inlinable @inline(__always)
  public mutating func writeInt64(_ value: Int64) {
    writeVarint(UInt64(bitPattern: value))
  }

  /// Writes a `uint32`.
  @inlinable @inline(__always)
  public mutating func writeUInt32(_ value: UInt32) {
    writeVarint(UInt64(value))
  }

  /// Writes a `uint64`.
  @inlinable @inline(__always)
  public mutating func writeUInt64(_ value: UInt64) {
    writeVarint(value)
  }

  /// Writes an `sint32` (ZigZag).
  @inlinable @inline(__always)
  public mutating func writeSInt32(_ value: Int32) {
    writeVarint(UInt64(WireFormat.zigZag(value)))
  }

  /// Writes an `sint64` (ZigZag).
  @inlinable @inline(__always)
  public mutating func writeSInt64(_ value: Int64) {
    writeVarint(WireFormat.zigZag(value))
  }

  /// Writes a `bool` as a one-byte varint.
  @inlinable @inline(__always)
  public mutating func writeBool(_ value: Bool) {
    reserve(1).pointee = value ? 1 : 0
  }

  /// Writes an enum's number as an `int32`.
  @inlinable @inline(__always)
  public mutating func writeEnum(_ value: some WireEnum) {
    writeInt32(value.rawValue)
  }

  /// Writes four little-endian bytes (`fixed32`).
  @inlinable @inline(__always)
  public mutating func writeFixed32(_ value: UInt32) {
    UnsafeMutableRawPointer(reserve(4)).storeBytes(of: value.littleEndian, as: UInt32.self)
  }

  /// Writes eight little-endian bytes (`fixed64`).
  @inlinable @inline(__always)
  public mutating func writeFixed64(_ value: UInt64) {
    UnsafeMutableRawPointer(reserve(8)).storeBytes(of: value.littleEndian, as: UInt64.self)
  }

  /// Writes an `sfixed32`.
  @inlinable @inline(__always)
  public mutating func writeSFixed32(_ value: Int32) {
    writeFixed32(UInt32(bitPattern: value))
  }

  /// Writes an `sfixed64`.
  @inlinable @inline(__always)
  public mutating func writeSFixed64(_ value: Int64) {
    writeFixed64(UInt64(bitPattern: value))
  }

  /// Writes a `float` as its IEEE 754 bits.
  @inlinable @inline(__always)
  public mutating func writeFloat(_ value: Float) {
    writeFixed32(value.bitPattern)
  }

  /// Writes a `double` as its IEEE 754 bits.
  @inlinable @inline(__always)
  public mutating func writeDouble(_ value: Double) {
    writeFixed64(value.bitPattern)
  }

  /// Writes raw bytes with no length prefix (a pre-encoded value, unknown fields).
  @inlinable @inline(__always)
  public mutating func writeRaw(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    let count = bytes.count
    let at = reserve(count)
    let destination = UnsafeMutableRawPointer(at)
    // Most strings in messages are short: two overlapping word copies beat a call to memmove.
    if count >= 8 && count <= 16 {
      destination.storeBytes(of: base.loadUnaligned(as: UInt64.self), as: UInt64.self)
      destination.storeBytes(
        of: base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self), toByteOffset: count - 8, as: UInt64.self)
    } else if count >= 4 && count < 8 {
      destination.storeBytes(of: base.loadUnaligned(as: UInt32.self), as: UInt32.self)
      destination.storeBytes(
        of: base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self), toByteOffset: count - 4, as: UInt32.self)
    } else if count < 4 {
      for index in 0..<count {
        destination.storeBytes(of: base.load(fromByteOffset: index, as: UInt8.self), toByteOffset: index, as: UInt8.self)
      }
    } else {
      destination.copyMemory(from: base, byteCount: count)
    }
  }

  /// Writes a `string`: its UTF-8 length, then its UTF-8 bytes.
  @inlinable @inline(__always)
  public mutating func writeString(_ value: String) {
    let utf8 = value.utf8
    writeVarint(UInt64(utf8.count))
    let copied: Void? = utf8.withContiguousStorageIfAvailable { writeRaw(UnsafeRawBufferPointer($0)) }
    if copied == nil {
      // Bridged or lazily-decoded strings have no contiguous UTF-8: copy byte by byte.
      let at = reserve(utf8.count)
      var index = 0
      for byte in utf8 {
        at[index] = byte
        index += 1
      }
    }
  }

  /// Writes a `bytes` value: its length, then the bytes.
  @inlinable @inline(__always)
  public mutating func writeBytes(_ value: [UInt8]) {
    writeVarint(UInt64(value.count))
    value.withUnsafeBytes { writeRaw($0) }
  }

  /// Writes an embedded message: its size, then its fields.
  @inlinable @inline(__always)
  public mutating func writeMessage(_ value: some WireMessage) {
    writeVarint(UInt64(value.serializedSize()))
    value.encode(to: &self)
  }

  /// Writes fields kept verbatim from decoding.
  @inlinable @inline(__always)
  public mutating func writeUnknownFields(_ fields: UnknownFields) {
    fields.bytes.withUnsafeBytes { writeRaw($0) }
  }
}

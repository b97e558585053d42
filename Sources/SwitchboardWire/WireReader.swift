/// Reads protobuf wire values from a borrowed buffer, checking every length against its limit.
///
/// Generated `decodeFields(from:)` loops on ``nextTag()`` and switches on the whole tag, so a
/// known field that arrives with an unexpected wire type falls through to ``skipField(_:into:)``
/// and is kept as an unknown field, as protobuf's own runtimes do.
///
/// The reader is only valid inside the closure that lent its buffer; it never escapes one.
@frozen
public struct WireReader {
  @usableFromInline var cursor: UnsafeRawPointer
  /// The end of the innermost message being read.
  @usableFromInline var limit: UnsafeRawPointer
  @usableFromInline let start: UnsafeRawPointer
  /// Where the current field's tag began, for keeping unknown fields verbatim.
  @usableFromInline var tagStart: UnsafeRawPointer
  @usableFromInline var tag: UInt32
  @usableFromInline var depth: Int

  /// Creates a reader over `buffer`, which must outlive it.
  @inlinable
  public init(_ buffer: UnsafeRawBufferPointer) {
    // An empty buffer may have no base address; any non-null pointer serves as its bounds.
    let base = buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1).unsafelyUnwrapped
    cursor = base
    limit = base + buffer.count
    start = base
    tagStart = base
    tag = 0
    depth = 0
  }

  /// The offset of the next byte to read, from the start of the outermost message.
  @inlinable
  public var offset: Int { cursor - start }

  @inlinable
  var remaining: Int { limit - cursor }

  @inlinable
  func error(_ reason: WireDecodingError.Reason, at position: UnsafeRawPointer? = nil) -> WireDecodingError {
    WireDecodingError(
      reason,
      offset: (position ?? cursor) - start,
      fieldNumber: tag == 0 ? nil : Int32(bitPattern: tag >> 3)
    )
  }

  // MARK: Tags

  /// The next field's tag, or `nil` at the end of the current message.
  ///
  /// - Throws: on field number 0, wire types 6 and 7, or a malformed tag.
  @inlinable @inline(__always)
  public mutating func nextTag() throws(WireDecodingError) -> UInt32? {
    guard cursor < limit else { return nil }
    tagStart = cursor
    tag = 0
    let raw = try readVarint()
    guard raw <= UInt64(UInt32.max) else { throw error(.malformedVarint, at: tagStart) }
    let value = UInt32(truncatingIfNeeded: raw)
    if value < 8 || value & 7 > 5 {
      if value & 7 > 5 { throw error(.invalidWireType(UInt8(value & 7)), at: tagStart) }
      throw error(.fieldNumberZero, at: tagStart)
    }
    tag = value
    return value
  }

  // MARK: Varints

  /// Reads a base-128 varint of at most ten bytes.
  @inlinable @inline(__always)
  public mutating func readVarint() throws(WireDecodingError) -> UInt64 {
    if cursor < limit {
      let byte = cursor.load(as: UInt8.self)
      if byte < 0x80 {
        cursor += 1
        return UInt64(byte)
      }
    }
    return try readVarintSlowly()
  }

  @usableFromInline
  mutating func readVarintSlowly() throws(WireDecodingError) -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    var at = cursor
    while shift < 70 {
      guard at < limit else { throw error(.truncated, at: cursor) }
      let byte = at.load(as: UInt8.self)
      at += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 {
        cursor = at
        return value
      }
      shift += 7
    }
    throw error(.malformedVarint, at: cursor)
  }

  /// Reads an `int32` (a varint truncated to 32 bits, as protobuf specifies).
  @inlinable @inline(__always)
  public mutating func readInt32() throws(WireDecodingError) -> Int32 {
    Int32(truncatingIfNeeded: try readVarint())
  }

  /// Reads an `int64`.
  @inlinable @inline(__always)
  public mutating func readInt64() throws(WireDecodingError) -> Int64 {
    Int64(bitPattern: try readVarint())
  }

  /// Reads a `uint32`.
  @inlinable @inline(__always)
  public mutating func readUInt32() throws(WireDecodingError) -> UInt32 {
    UInt32(truncatingIfNeeded: try readVarint())
  }

  /// Reads a `uint64`.
  @inlinable @inline(__always)
  public mutating func readUInt64() throws(WireDecodingError) -> UInt64 {
    try readVarint()
  }

  /// Reads an `sint32` (ZigZag).
  @inlinable @inline(__always)
  public mutating func readSInt32() throws(WireDecodingError) -> Int32 {
    WireFormat.unZigZag(UInt32(truncatingIfNeeded: try readVarint()))
  }

  /// Reads an `sint64` (ZigZag).
  @inlinable @inline(__always)
  public mutating func readSInt64() throws(WireDecodingError) -> Int64 {
    WireFormat.unZigZag(try readVarint())
  }

  /// Reads a `bool`: any non-zero varint is true.
  @inlinable @inline(__always)
  public mutating func readBool() throws(WireDecodingError) -> Bool {
    try readVarint() != 0
  }

  /// Reads an enum; numbers the schema does not know become its `unrecognized` case.
  @inlinable @inline(__always)
  public mutating func readEnum<E: WireEnum>(_: E.Type = E.self) throws(WireDecodingError) -> E {
    E(rawValue: try readInt32())
  }

  // MARK: Fixed-size values

  /// Reads four little-endian bytes.
  @inlinable @inline(__always)
  public mutating func readFixed32() throws(WireDecodingError) -> UInt32 {
    guard remaining >= 4 else { throw error(.truncated) }
    let value = cursor.loadUnaligned(as: UInt32.self)
    cursor += 4
    return UInt32(littleEndian: value)
  }

  /// Reads eight little-endian bytes.
  @inlinable @inline(__always)
  public mutating func readFixed64() throws(WireDecodingError) -> UInt64 {
    guard remaining >= 8 else { throw error(.truncated) }
    let value = cursor.loadUnaligned(as: UInt64.self)
    cursor += 8
    return UInt64(littleEndian: value)
  }

  /// Reads an `sfixed32`.
  @inlinable @inline(__always)
  public mutating func readSFixed32() throws(WireDecodingError) -> Int32 {
    Int32(bitPattern: try readFixed32())
  }

  /// Reads an `sfixed64`.
  @inlinable @inline(__always)
  public mutating func readSFixed64() throws(WireDecodingError) -> Int64 {
    Int64(bitPattern: try readFixed64())
  }

  /// Reads a `float`.
  @inlinable @inline(__always)
  public mutating func readFloat() throws(WireDecodingError) -> Float {
    Float(bitPattern: try readFixed32())
  }

  /// Reads a `double`.
  @inlinable @inline(__always)
  public mutating func readDouble() throws(WireDecodingError) -> Double {
    Double(bitPattern: try readFixed64())
  }

  // MARK: Length-delimited values

  /// Reads a length prefix and checks it fits in the current message.
  @inlinable @inline(__always)
  public mutating func readLength() throws(WireDecodingError) -> Int {
    let at = cursor
    let length = try readVarint()
    guard length <= UInt64(remaining) else {
      throw error(.lengthPastEnd(length: length, available: remaining), at: at)
    }
    return Int(truncatingIfNeeded: length)
  }

  /// Reads a `string`, rejecting invalid UTF-8.
  @inlinable @inline(__always)
  public mutating func readString() throws(WireDecodingError) -> String {
    let length = try readLength()
    guard let string = Self.makeString(UnsafeRawBufferPointer(start: cursor, count: length)) else {
      throw error(.invalidUTF8)
    }
    cursor += length
    return string
  }

  @usableFromInline
  static func makeString(_ bytes: UnsafeRawBufferPointer) -> String? {
    guard UTF8Validation.isValid(bytes) else { return nil }
    // Valid input: `String(decoding:)` copies it unchanged, on its fastest path.
    return String(decoding: bytes.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
  }

  /// Reads a `bytes` value.
  @inlinable @inline(__always)
  public mutating func readBytes() throws(WireDecodingError) -> [UInt8] {
    let length = try readLength()
    let bytes = [UInt8](UnsafeRawBufferPointer(start: cursor, count: length))
    cursor += length
    return bytes
  }

  /// Reads an embedded message and merges it into `message`.
  @inlinable @inline(__always)
  public mutating func readMessage<M: WireMessage>(into message: inout M) throws(WireDecodingError) {
    let outer = try beginLengthDelimited()
    try message.decodeFields(from: &self)
    endLengthDelimited(outer)
  }

  /// Reads an embedded message.
  @inlinable @inline(__always)
  public mutating func readMessage<M: WireMessage>(_: M.Type = M.self) throws(WireDecodingError) -> M {
    var message = M()
    try readMessage(into: &message)
    return message
  }

  /// Enters a length-delimited value (an embedded message or a map entry): the reader's limit
  /// becomes its end until ``endLengthDelimited(_:)`` restores the returned outer limit.
  @inlinable @inline(__always)
  public mutating func beginLengthDelimited() throws(WireDecodingError) -> UnsafeRawPointer {
    let length = try readLength()
    guard depth < WireFormat.maxNesting else { throw error(.nestingTooDeep) }
    depth += 1
    let outer = limit
    limit = cursor + length
    return outer
  }

  /// Leaves the value entered by ``beginLengthDelimited()``, once ``nextTag()`` returned nil.
  @inlinable @inline(__always)
  public mutating func endLengthDelimited(_ outer: UnsafeRawPointer) {
    limit = outer
    depth -= 1
  }

  /// Reads a packed repeated field: a length, then values until it is used up.
  @inlinable @inline(__always)
  public mutating func readPacked<T>(
    into values: inout [T],
    _ element: (inout WireReader) throws(WireDecodingError) -> T
  ) throws(WireDecodingError) {
    let length = try readLength()
    let outer = limit
    limit = cursor + length
    while cursor < limit {
      values.append(try element(&self))
    }
    limit = outer
  }

  /// Reads a packed repeated field of fixed-size values, reserving room for them first.
  @inlinable @inline(__always)
  public mutating func readPackedFixed<T>(
    into values: inout [T],
    elementSize: Int,
    _ element: (inout WireReader) throws(WireDecodingError) -> T
  ) throws(WireDecodingError) {
    let at = cursor
    let length = try readLength()
    guard length % elementSize == 0 else {
      throw error(.misalignedPackedField(length: length, elementSize: elementSize), at: at)
    }
    values.reserveCapacity(values.count + length / elementSize)
    let outer = limit
    limit = cursor + length
    while cursor < limit {
      values.append(try element(&self))
    }
    limit = outer
  }
}

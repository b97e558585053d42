/// The 9-byte header in front of every frame: payload length (24 bits), kind, flags and
/// stream id (31 bits, high bit reserved), all big-endian.
public struct FrameHeader: Hashable, Sendable {
  /// Bytes in a header.
  public static let size = 9
  /// The largest payload a 24-bit length can describe (16 MiB - 1).
  public static let maxPayloadLength = 0xFF_FFFF
  /// The largest stream id: the high bit of the field is reserved.
  public static let maxStreamID: UInt32 = 0x7FFF_FFFF

  /// Bytes of payload after the header.
  public var payloadLength: Int
  /// What the payload means.
  public var kind: FrameKind
  /// Kind-specific flags.
  public var flags: FrameFlags
  /// The call the frame belongs to, or 0 for the connection.
  public var streamID: UInt32

  /// Creates a header.
  @inlinable
  public init(payloadLength: Int, kind: FrameKind, flags: FrameFlags, streamID: UInt32) {
    self.payloadLength = payloadLength
    self.kind = kind
    self.flags = flags
    self.streamID = streamID
  }

  /// Reads a header from the first 9 bytes of `bytes`, or returns nil when fewer are there.
  ///
  /// The stream id is returned with its reserved bit as received; the decoder rejects it.
  @inlinable
  public init?(parsing bytes: some Collection<UInt8>) {
    guard bytes.count >= FrameHeader.size else { return nil }
    var i = bytes.startIndex
    func next() -> UInt8 {
      defer { bytes.formIndex(after: &i) }
      return bytes[i]
    }
    let length = Int(next()) << 16 | Int(next()) << 8 | Int(next())
    let kind = FrameKind(rawValue: next())
    let flags = FrameFlags(rawValue: next())
    var stream: UInt32 = 0
    for _ in 0..<4 { stream = stream << 8 | UInt32(next()) }
    self.init(payloadLength: length, kind: kind, flags: flags, streamID: stream)
  }

  /// Appends the 9 header bytes to `buffer`.
  ///
  /// - Throws: ``FramingError/Code/invalidValue`` when the length does not fit 24 bits or the
  ///   stream id has its reserved bit set; `buffer` is then unchanged.
  @inlinable
  public func encode(into buffer: inout [UInt8]) throws(FramingError) {
    guard (0...FrameHeader.maxPayloadLength).contains(payloadLength) else {
      throw FramingError(
        .invalidValue, "\(kind) payload of \(payloadLength) bytes does not fit the 24-bit length",
        kind: kind, streamID: streamID)
    }
    guard streamID <= FrameHeader.maxStreamID else {
      throw FramingError(
        .invalidValue, "stream id \(streamID) has the reserved high bit set",
        kind: kind, streamID: streamID)
    }
    buffer.appendUInt24(UInt32(truncatingIfNeeded: payloadLength))
    buffer.append(kind.rawValue)
    buffer.append(flags.rawValue)
    buffer.appendUInt32(streamID)
  }
}

extension Array where Element == UInt8 {
  /// Appends a big-endian 16-bit integer.
  @inlinable
  mutating func appendUInt16(_ value: UInt16) {
    append(UInt8(truncatingIfNeeded: value >> 8))
    append(UInt8(truncatingIfNeeded: value))
  }

  /// Appends the low 24 bits of `value`, big-endian.
  @inlinable
  mutating func appendUInt24(_ value: UInt32) {
    append(UInt8(truncatingIfNeeded: value >> 16))
    append(UInt8(truncatingIfNeeded: value >> 8))
    append(UInt8(truncatingIfNeeded: value))
  }

  /// Appends a big-endian 32-bit integer.
  @inlinable
  mutating func appendUInt32(_ value: UInt32) {
    append(UInt8(truncatingIfNeeded: value >> 24))
    append(UInt8(truncatingIfNeeded: value >> 16))
    append(UInt8(truncatingIfNeeded: value >> 8))
    append(UInt8(truncatingIfNeeded: value))
  }

  /// Appends a big-endian 64-bit integer.
  @inlinable
  mutating func appendUInt64(_ value: UInt64) {
    appendUInt32(UInt32(truncatingIfNeeded: value >> 32))
    appendUInt32(UInt32(truncatingIfNeeded: value))
  }

  /// Makes room for `count` more bytes with amortised (doubling) growth.
  ///
  /// `reserveCapacity` alone may allocate exactly what is asked, which turns many small
  /// frames appended one by one into quadratic copying.
  @inlinable
  mutating func reserveAdditional(_ count: Int) {
    let needed = self.count + count
    if needed > capacity { reserveCapacity(Swift.max(needed, capacity * 2)) }
  }
}

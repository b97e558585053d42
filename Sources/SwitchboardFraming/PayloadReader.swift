/// Reads the fields of one frame payload, never past its end.
///
/// Every read checks the bytes left first, so a lying length inside a payload becomes a
/// ``FramingError`` naming the field, the frame kind and the stream, never a crash.
struct PayloadReader {
  /// The payload being read; `bytes.startIndex` moves forward as fields are read.
  private(set) var bytes: ArraySlice<UInt8>
  /// The frame's kind, for error messages.
  let kind: FrameKind
  /// The frame's stream, for error messages.
  let streamID: UInt32

  init(_ bytes: ArraySlice<UInt8>, kind: FrameKind, streamID: UInt32) {
    self.bytes = bytes
    self.kind = kind
    self.streamID = streamID
  }

  /// Bytes not read yet.
  var remaining: Int { bytes.count }

  /// A malformed-frame error about this frame.
  func malformed(_ problem: String) -> FramingError {
    let place = streamID == 0 ? "on the connection (stream 0)" : "on stream \(streamID)"
    return FramingError(
      .malformedFrame, "malformed \(kind) frame \(place): \(problem)",
      kind: kind, streamID: streamID)
  }

  private mutating func take(_ count: Int, _ field: @autoclosure () -> String) throws(FramingError)
    -> ArraySlice<UInt8>
  {
    guard count <= bytes.count else {
      throw malformed(
        "payload ends inside \(field()) (needs \(count) bytes, \(bytes.count) left)")
    }
    let start = bytes.startIndex
    let taken = bytes[start..<start + count]
    bytes = bytes[(start + count)...]
    return taken
  }

  /// Reads one byte.
  mutating func readUInt8(_ field: @autoclosure () -> String) throws(FramingError) -> UInt8 {
    try take(1, field()).first ?? 0
  }

  /// Reads a big-endian 16-bit integer.
  mutating func readUInt16(_ field: @autoclosure () -> String) throws(FramingError) -> UInt16 {
    let b = try take(2, field())
    let i = b.startIndex
    return UInt16(b[i]) << 8 | UInt16(b[i + 1])
  }

  /// Reads a big-endian 32-bit integer.
  mutating func readUInt32(_ field: @autoclosure () -> String) throws(FramingError) -> UInt32 {
    let b = try take(4, field())
    let i = b.startIndex
    return UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
  }

  /// Reads a big-endian 64-bit integer.
  mutating func readUInt64(_ field: @autoclosure () -> String) throws(FramingError) -> UInt64 {
    let high = try readUInt32(field())
    let low = try readUInt32(field())
    return UInt64(high) << 32 | UInt64(low)
  }

  /// Reads `count` bytes as a slice of the payload (no copy).
  mutating func readBytes(_ count: Int, _ field: @autoclosure () -> String) throws(FramingError)
    -> ArraySlice<UInt8>
  {
    try take(count, field())
  }

  /// Reads a 16-bit length and that many bytes of UTF-8, rejecting invalid UTF-8.
  mutating func readStrictString(_ field: @autoclosure () -> String) throws(FramingError) -> String
  {
    let length = Int(try readUInt16("\(field()) length"))
    let raw = try take(length, field())
    guard let string = String(validating: raw, as: UTF8.self) else {
      throw malformed("\(field()) is not valid UTF-8")
    }
    return string
  }

  /// Reads a 16-bit length and that many bytes of UTF-8, repairing invalid sequences with
  /// U+FFFD (for text meant for people).
  mutating func readLenientString(_ field: @autoclosure () -> String) throws(FramingError) -> String
  {
    let length = Int(try readUInt16("\(field()) length"))
    return String(decoding: try take(length, field()), as: UTF8.self)
  }

  /// Reads a stream id field, rejecting the reserved high bit.
  mutating func readStreamID(_ field: @autoclosure () -> String) throws(FramingError) -> UInt32 {
    let value = try readUInt32(field())
    guard value <= FrameHeader.maxStreamID else {
      throw malformed("\(field()) \(value) has the reserved high bit set")
    }
    return value
  }

  /// Throws unless every payload byte was read.
  func expectEnd() throws(FramingError) {
    guard bytes.isEmpty else {
      throw malformed("\(bytes.count) unexpected bytes after the last field")
    }
  }
}

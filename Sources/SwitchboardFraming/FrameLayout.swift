/// Rules shared by the encoders and the decoder, so that whatever an encoder accepts the
/// decoder accepts too.
enum FrameLayout {
  /// Why `streamID` cannot carry a call-level frame, or nil when it can.
  ///
  /// Calls live on odd stream ids 1...2^31-1; stream 0 is the connection.
  static func callStreamProblem(_ streamID: UInt32) -> String? {
    if streamID == 0 { return "call-level frames cannot use stream 0 (the connection)" }
    if streamID > FrameHeader.maxStreamID { return "stream id has the reserved high bit set" }
    if streamID & 1 == 0 { return "call streams have odd ids; \(streamID) is even" }
    return nil
  }

  /// Validates the header of a frame about to be encoded and appends it to `buffer`.
  ///
  /// - Throws: see ``checkHeader(_:streamID:payloadLength:maxPayloadSize:)``.
  static func beginFrame(
    _ kind: FrameKind, flags: FrameFlags, streamID: UInt32, payloadLength: Int,
    maxPayloadSize: Int, into buffer: inout [UInt8]
  ) throws(FramingError) {
    try checkHeader(
      kind, streamID: streamID, payloadLength: payloadLength, maxPayloadSize: maxPayloadSize)
    buffer.reserveAdditional(FrameHeader.size + payloadLength)
    buffer.appendUInt24(UInt32(truncatingIfNeeded: payloadLength))
    buffer.append(kind.rawValue)
    buffer.append(flags.rawValue)
    buffer.appendUInt32(streamID)
  }

  /// Throws unless a frame header with these values may be sent.
  ///
  /// - Throws: ``FramingError/Code/frameTooLarge`` when the payload exceeds `maxPayloadSize`
  ///   (or 16 MiB-1), ``FramingError/Code/invalidValue`` when the stream id does not suit
  ///   the kind.
  static func checkHeader(
    _ kind: FrameKind, streamID: UInt32, payloadLength: Int, maxPayloadSize: Int
  ) throws(FramingError) {
    let limit = min(maxPayloadSize, FrameHeader.maxPayloadLength)
    guard payloadLength <= limit else {
      throw FramingError(
        .frameTooLarge,
        "\(kind) payload of \(payloadLength) bytes exceeds the maximum frame payload of \(limit) bytes",
        kind: kind, streamID: streamID)
    }
    guard payloadLength >= 0, streamID <= FrameHeader.maxStreamID else {
      throw FramingError(
        .invalidValue, "\(kind): invalid payload length \(payloadLength) or stream id \(streamID)",
        kind: kind, streamID: streamID)
    }
    if kind.isConnectionLevel {
      guard streamID == 0 else {
        throw FramingError(
          .invalidValue, "\(kind) frames belong on stream 0, not stream \(streamID)",
          kind: kind, streamID: streamID)
      }
    } else if kind.isKnown, kind != .windowUpdate || streamID != 0,
      let problem = callStreamProblem(streamID)
    {
      throw FramingError(.invalidValue, "\(kind): \(problem)", kind: kind, streamID: streamID)
    }
  }

  /// Throws unless a 16-bit length can carry `string`'s UTF-8.
  static func checkText(_ string: String, _ field: String, _ kind: FrameKind, _ streamID: UInt32)
    throws(FramingError)
  {
    guard string.utf8.count <= 0xFFFF else {
      throw FramingError(
        .invalidValue, "\(kind) \(field) is \(string.utf8.count) bytes; at most 65535 fit",
        kind: kind, streamID: streamID)
    }
  }
}

extension Array where Element == UInt8 {
  /// Appends a 16-bit length and the string's UTF-8 (length checked by the caller).
  mutating func appendText(_ string: String) {
    appendUInt16(UInt16(truncatingIfNeeded: string.utf8.count))
    append(contentsOf: string.utf8)
  }
}

/// Low-level writers for callers that put message bytes straight into the output buffer.
///
/// Frames with known content encode themselves (``Frame/encode(into:maxPayloadSize:)``);
/// these helpers let the RPC layer write a MESSAGE header and then serialise a protobuf
/// message behind it in the same buffer, with no intermediate array.
public enum FrameEncoder {
  /// Appends a MESSAGE frame header announcing `payloadLength` bytes, which the caller
  /// appends next.
  ///
  /// - Throws: ``FramingError/Code/frameTooLarge`` past `maxPayloadSize`;
  ///   ``FramingError/Code/invalidValue`` for MORE with END_STREAM or a bad stream id.
  ///   Nothing is appended on failure.
  public static func appendMessageHeader(
    streamID: UInt32, payloadLength: Int, more: Bool = false, endStream: Bool = false,
    maxPayloadSize: Int = FrameHeader.maxPayloadLength, into buffer: inout [UInt8]
  ) throws(FramingError) {
    if more, endStream {
      throw FramingError(
        .invalidValue, "MESSAGE flags MORE and END_STREAM cannot be combined",
        kind: .message, streamID: streamID)
    }
    try FrameLayout.beginFrame(
      .message, flags: MessageFrame.flags(more: more, endStream: endStream), streamID: streamID,
      payloadLength: payloadLength, maxPayloadSize: maxPayloadSize, into: &buffer)
  }

  /// Appends `count` bytes to `buffer` and lets `write` fill them in place.
  ///
  /// Pair it with ``appendMessageHeader(streamID:payloadLength:more:endStream:maxPayloadSize:into:)``
  /// to serialise a message of known size directly into the output. The bytes are zeroed
  /// before `write` sees them; if `write` throws they are removed again.
  public static func appendBytes<E: Error>(
    count: Int, into buffer: inout [UInt8],
    _ write: (UnsafeMutableBufferPointer<UInt8>) throws(E) -> Void
  ) throws(E) {
    let start = buffer.count
    buffer.reserveAdditional(count)
    buffer.append(contentsOf: repeatElement(0, count: count))
    var failure: E?
    buffer.withUnsafeMutableBufferPointer { all in
      let region = UnsafeMutableBufferPointer(rebasing: all[start...])
      do throws(E) { try write(region) } catch { failure = error }
    }
    if let failure {
      buffer.removeSubrange(start...)
      throw failure
    }
  }

  /// Appends a placeholder header for a frame whose payload length is not known yet and
  /// returns its offset; append the payload, then call
  /// ``finishFrame(at:kind:flags:streamID:maxPayloadSize:in:)``.
  public static func beginFrame(into buffer: inout [UInt8]) -> Int {
    let offset = buffer.count
    buffer.append(contentsOf: repeatElement(0, count: FrameHeader.size))
    return offset
  }

  /// Writes the real header of a frame begun with ``beginFrame(into:)``: its payload is
  /// every byte appended after the placeholder.
  ///
  /// - Throws: as ``appendMessageHeader(streamID:payloadLength:more:endStream:maxPayloadSize:into:)``;
  ///   on failure the placeholder and payload are removed from `buffer`.
  public static func finishFrame(
    at offset: Int, kind: FrameKind, flags: FrameFlags, streamID: UInt32,
    maxPayloadSize: Int = FrameHeader.maxPayloadLength, in buffer: inout [UInt8]
  ) throws(FramingError) {
    guard offset >= 0, buffer.count - offset >= FrameHeader.size else {
      throw FramingError(.invalidValue, "no frame was begun at offset \(offset)")
    }
    let payloadLength = buffer.count - offset - FrameHeader.size
    do {
      try FrameLayout.checkHeader(
        kind, streamID: streamID, payloadLength: payloadLength, maxPayloadSize: maxPayloadSize)
    } catch {
      buffer.removeSubrange(offset...)
      throw error
    }
    buffer[offset] = UInt8(truncatingIfNeeded: payloadLength >> 16)
    buffer[offset + 1] = UInt8(truncatingIfNeeded: payloadLength >> 8)
    buffer[offset + 2] = UInt8(truncatingIfNeeded: payloadLength)
    buffer[offset + 3] = kind.rawValue
    buffer[offset + 4] = flags.rawValue
    buffer[offset + 5] = UInt8(truncatingIfNeeded: streamID >> 24)
    buffer[offset + 6] = UInt8(truncatingIfNeeded: streamID >> 16)
    buffer[offset + 7] = UInt8(truncatingIfNeeded: streamID >> 8)
    buffer[offset + 8] = UInt8(truncatingIfNeeded: streamID)
  }

  /// Appends `message` as one or more MESSAGE frames of at most `maxFramePayloadSize`
  /// bytes each, all but the last flagged MORE.
  ///
  /// Flow control is the caller's business: call it with as many bytes as the windows allow.
  /// - Parameter endStream: flag the last frame END_STREAM (clients only).
  /// - Throws: ``FramingError/Code/invalidValue`` for a bad stream id or a maximum below 1.
  public static func appendMessage(
    _ message: ArraySlice<UInt8>, streamID: UInt32, endStream: Bool = false,
    maxFramePayloadSize: Int, into buffer: inout [UInt8]
  ) throws(FramingError) {
    guard maxFramePayloadSize > 0 else {
      throw FramingError(.invalidValue, "the maximum frame payload size must be positive")
    }
    let start = buffer.count
    var rest = message
    repeat {
      let chunk = rest.prefix(maxFramePayloadSize)
      rest = rest.dropFirst(chunk.count)
      do {
        try appendMessageHeader(
          streamID: streamID, payloadLength: chunk.count, more: !rest.isEmpty,
          endStream: endStream && rest.isEmpty, maxPayloadSize: maxFramePayloadSize,
          into: &buffer)
      } catch {
        buffer.removeSubrange(start...)
        throw error
      }
      buffer.append(contentsOf: chunk)
    } while !rest.isEmpty
  }
}

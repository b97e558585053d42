/// Turns bytes read from a connection into frames: feed it with `append`, then call
/// ``nextFrame()`` until it returns nil.
///
/// Defensive by construction: it waits for a whole 9-byte header, rejects a payload length
/// above ``maxFramePayloadSize`` as soon as the header is in (before any of the body is
/// awaited), keeps partial input across calls, and checks every length inside a payload
/// against the bytes actually there. The first error is sticky: the connection is done.
///
/// ## Buffer ownership
/// Input is copied once into an internal `[UInt8]` (or read into it in place with
/// ``appendInPlace(minimumCapacity:_:)``). Variable-length parts of decoded frames, MESSAGE
/// payloads, metadata and unknown payloads, are `ArraySlice`s of that buffer: no copy.
/// A slice keeps the buffer alive; if one is still alive when the decoder next writes into
/// its buffer, copy-on-write duplicates the buffer. That is always correct, but costs a copy,
/// so the hot path should consume (decode) or copy a payload before the next `append`.
/// Consumed bytes are dropped lazily: only when new input needs the room.
public struct FrameDecoder: Sendable {
  /// Largest payload accepted; larger frames are rejected from their header. Set it to the
  /// maximum frame payload size this endpoint announced in SETTINGS.
  public var maxFramePayloadSize: Int

  /// Input bytes; `storage[readerIndex..<writerIndex]` are not decoded yet.
  private var storage: [UInt8] = []
  private var readerIndex = 0
  private var writerIndex = 0
  /// The error that ended decoding, thrown again by every later call.
  private var failure: FramingError?

  /// Buffer size above which an emptied buffer is released rather than kept for reuse.
  private static let retainedCapacity = 256 * 1024
  /// Smallest buffer allocated.
  private static let minimumCapacity = 4096

  /// Creates a decoder that accepts payloads up to `maxFramePayloadSize` bytes.
  public init(maxFramePayloadSize: Int = ConnectionSettings.minFramePayloadSize) {
    self.maxFramePayloadSize = maxFramePayloadSize
  }

  /// Bytes received and not yet decoded.
  public var bufferedByteCount: Int { writerIndex - readerIndex }

  /// Copies `bytes` to the end of the input.
  public mutating func append(_ bytes: UnsafeRawBufferPointer) {
    guard !bytes.isEmpty else { return }
    appendInPlace(minimumCapacity: bytes.count) { space in
      space.copyMemory(from: bytes)
      return bytes.count
    }
  }

  /// Copies `bytes` to the end of the input.
  public mutating func append(contentsOf bytes: some Collection<UInt8>) {
    let count = bytes.count
    guard count > 0 else { return }
    appendInPlace(minimumCapacity: count) { space in
      let copied: Void? = bytes.withContiguousStorageIfAvailable { contiguous in
        space.copyMemory(from: UnsafeRawBufferPointer(contiguous))
      }
      if copied == nil {
        for (offset, byte) in zip(0..<count, bytes) { space[offset] = byte }
      }
      return count
    }
  }

  /// Lets `write` put input straight into the decoder's buffer, such as a `read(2)` into it.
  ///
  /// - Parameters:
  ///   - minimumCapacity: bytes of free space `write` is given at least.
  ///   - write: fills a prefix of the space and returns how many bytes it wrote
  ///     (0...space.count; anything else is a programming error and traps).
  /// - Returns: what `write` returned.
  @discardableResult
  public mutating func appendInPlace<E: Error>(
    minimumCapacity: Int, _ write: (UnsafeMutableRawBufferPointer) throws(E) -> Int
  ) throws(E) -> Int {
    reserveSpace(max(minimumCapacity, 0))
    let start = writerIndex
    var result: Result<Int, E> = .success(0)
    storage.withUnsafeMutableBytes { all in
      let space = UnsafeMutableRawBufferPointer(rebasing: all[start...])
      do throws(E) {
        let written = try write(space)
        precondition((0...space.count).contains(written), "appendInPlace: invalid byte count")
        result = .success(written)
      } catch {
        result = .failure(error)
      }
    }
    let written = try result.get()
    writerIndex += written
    return written
  }

  /// Makes `count` bytes of free space after `writerIndex`, compacting or growing.
  private mutating func reserveSpace(_ count: Int) {
    if readerIndex == writerIndex {
      readerIndex = 0
      writerIndex = 0
      if storage.count > Self.retainedCapacity, count <= Self.retainedCapacity {
        storage = []
      }
    }
    guard storage.count - writerIndex < count else { return }
    let unread = writerIndex - readerIndex
    if readerIndex > 0, unread + count <= storage.count {
      // Compact: move the undecoded bytes to the front (regions may overlap).
      let from = readerIndex
      storage.withUnsafeMutableBytes { all in
        guard let base = all.baseAddress else { return }
        base.copyMemory(from: UnsafeRawPointer(base + from), byteCount: unread)
      }
    } else {
      // Grow, dropping consumed bytes on the way.
      let size = max(storage.count * 2, unread + count, Self.minimumCapacity)
      let from = readerIndex
      let grown = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
        buffer.initialize(repeating: 0)
        storage.withUnsafeBytes { old in
          UnsafeMutableRawBufferPointer(buffer).copyMemory(
            from: UnsafeRawBufferPointer(rebasing: old[from..<from + unread]))
        }
        initialized = size
      }
      storage = grown
    }
    readerIndex = 0
    writerIndex = unread
  }

  /// Consumes the 8-byte connection preface if it is complete.
  ///
  /// Call it once, before the first ``nextFrame()``. Wrong magic is reported as soon as the
  /// first differing byte is in; the bytes are consumed only on ``PrefaceParseResult/valid(version:)``.
  public mutating func readPreface() -> PrefaceParseResult {
    if let failure { return .invalid(failure) }
    let result = ConnectionPreface.parse(storage[readerIndex..<writerIndex])
    switch result {
    case .valid: readerIndex += ConnectionPreface.length
    case .invalid(let error): failure = error
    case .needMoreBytes: break
    }
    return result
  }

  /// The next complete frame, or nil when more bytes are needed.
  ///
  /// - Throws: ``FramingError`` (a connection error) for an oversized or malformed frame;
  ///   every later call throws the same error.
  public mutating func nextFrame() throws(FramingError) -> Frame? {
    if let failure { throw failure }
    do {
      return try decodeNext()
    } catch {
      failure = error
      throw error
    }
  }

  private mutating func decodeNext() throws(FramingError) -> Frame? {
    guard writerIndex - readerIndex >= FrameHeader.size,
      let header = FrameHeader(parsing: storage[readerIndex..<readerIndex + FrameHeader.size])
    else { return nil }
    guard header.streamID <= FrameHeader.maxStreamID else {
      throw FramingError(
        .malformedFrame,
        "\(header.kind) frame header has the reserved high bit of the stream id set",
        kind: header.kind, streamID: header.streamID)
    }
    guard header.payloadLength <= maxFramePayloadSize else {
      let place = header.streamID == 0 ? "the connection" : "stream \(header.streamID)"
      throw FramingError(
        .frameTooLarge,
        "\(header.kind) frame on \(place) announces \(header.payloadLength) payload bytes; the maximum frame payload size is \(maxFramePayloadSize)",
        kind: header.kind, streamID: header.streamID)
    }
    let payloadStart = readerIndex + FrameHeader.size
    guard writerIndex - payloadStart >= header.payloadLength else { return nil }
    let payloadEnd = payloadStart + header.payloadLength
    readerIndex = payloadEnd
    return try Frame.decode(header, payload: storage[payloadStart..<payloadEnd])
  }
}

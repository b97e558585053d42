/// Puts a message split over several MESSAGE frames (flag MORE) back together, one per
/// stream and direction, and enforces the maximum message size.
///
/// A message that arrives in a single frame is returned as that frame's slice, uncopied;
/// only multi-frame messages are gathered into an array of their own. Once a message grows
/// past the limit the assembler reports ``Event/tooLarge(byteCount:)`` once and then
/// discards every later frame: the runtime ends the call with resourceExhausted.
public struct MessageAssembler: Sendable {
  /// The largest message accepted, in bytes.
  public var maxMessageSize: Int
  private var state: State = .idle

  private enum State: Sendable {
    case idle
    case assembling([UInt8])
    case discarding
  }

  /// What a frame contributed.
  public enum Event: Hashable, Sendable {
    /// The message continues in a later frame.
    case incomplete
    /// A whole message.
    case message(ArraySlice<UInt8>)
    /// The message exceeds ``MessageAssembler/maxMessageSize``: it had at least `byteCount`
    /// bytes. Reported once.
    case tooLarge(byteCount: Int)
    /// Dropped, because an earlier message was too large.
    case discarded
  }

  /// Creates an assembler accepting messages up to `maxMessageSize` bytes.
  public init(maxMessageSize: Int) {
    self.maxMessageSize = maxMessageSize
  }

  /// Whether part of a message has arrived and the rest has not: a stream that ends now
  /// ends inside a message.
  public var hasPartialMessage: Bool {
    if case .assembling = state { return true }
    return false
  }

  /// Adds the payload of the stream's next MESSAGE frame.
  public mutating func append(_ frame: MessageFrame) -> Event {
    switch state {
    case .discarding:
      return .discarded
    case .idle:
      guard frame.payload.count <= maxMessageSize else {
        state = .discarding
        return .tooLarge(byteCount: frame.payload.count)
      }
      if frame.more {
        state = .assembling(Array(frame.payload))
        return .incomplete
      }
      return .message(frame.payload)
    case .assembling(var gathered):
      state = .idle  // Drop the enum's reference so `gathered` grows in place.
      let total = gathered.count + frame.payload.count
      guard total <= maxMessageSize else {
        state = .discarding
        return .tooLarge(byteCount: total)
      }
      gathered.append(contentsOf: frame.payload)
      if frame.more {
        state = .assembling(gathered)
        return .incomplete
      }
      return .message(gathered[...])
    }
  }
}

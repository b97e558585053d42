/// The receiving side of flow control for one stream or the connection: checks that the
/// peer stays within its credit and decides when to hand credit back with WINDOW_UPDATE.
///
/// Call ``receive(_:)`` for each MESSAGE payload as it arrives, and ``release(_:)`` once its
/// bytes are consumed (delivered, buffered into a message under assembly, or discarded).
/// Credit returns in batches of at least half the initial size, so a steady stream of small
/// messages does not produce one WINDOW_UPDATE each.
///
/// Release bytes of a message still being assembled as they are buffered (the maximum
/// message size bounds that memory): withholding credit until a message completes would
/// deadlock on any message larger than the window.
public struct ReceiveWindow: Hashable, Sendable {
  /// The credit the peer still has.
  public private(set) var window: FlowControlWindow
  /// Bytes consumed locally and not yet granted back.
  public private(set) var pendingGrant: Int = 0
  /// Pending bytes at which ``release(_:)`` asks for a WINDOW_UPDATE.
  public let threshold: Int

  /// Creates the window for a stream or connection starting with `initialSize` bytes of
  /// credit (the value this endpoint announced in SETTINGS).
  public init(initialSize: Int) {
    window = FlowControlWindow(initialSize: initialSize)
    threshold = max(initialSize / 2, 1)
  }

  /// Accounts for `byteCount` message bytes received.
  ///
  /// - Throws: ``FramingError/Code/flowControlViolation`` when the peer exceeded its credit;
  ///   a connection error.
  public mutating func receive(_ byteCount: Int) throws(FramingError) {
    try window.consume(byteCount)
  }

  /// Accounts for `byteCount` received bytes that need no more buffering, and returns the
  /// WINDOW_UPDATE increment to send now, if one is due.
  public mutating func release(_ byteCount: Int) -> UInt32? {
    pendingGrant += max(byteCount, 0)
    guard pendingGrant >= threshold else { return nil }
    let increment = min(pendingGrant, FlowControlWindow.maxSize - window.available)
    guard increment > 0 else { return nil }
    pendingGrant -= increment
    // Cannot fail: `increment` fits the room left by construction.
    try? window.grant(UInt32(increment))
    return UInt32(increment)
  }
}

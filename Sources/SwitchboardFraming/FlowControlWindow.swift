/// Flow-control credit in bytes, for one stream or the whole connection.
///
/// Only MESSAGE payload bytes count. A sender keeps one per open stream plus one for the
/// connection, takes credit from both before writing, and waits when either is empty;
/// WINDOW_UPDATE frames from the peer ``grant(_:)`` more. A receiver keeps the mirror image
/// (see ``ReceiveWindow``) to catch a peer that sends beyond its credit.
public struct FlowControlWindow: Hashable, Sendable {
  /// The largest a window may ever be: 2^31-1 bytes.
  public static let maxSize = 0x7FFF_FFFF

  /// Credit left, in bytes: 0...``maxSize``.
  public private(set) var available: Int

  /// Creates a window holding `initialSize` bytes of credit.
  ///
  /// - Precondition: `initialSize` is in 0...``maxSize`` (SETTINGS values from the decoder
  ///   always are).
  public init(initialSize: Int) {
    precondition((0...Self.maxSize).contains(initialSize), "window size out of 0...2^31-1")
    available = initialSize
  }

  /// Whether no credit is left, so a writer must wait.
  public var isExhausted: Bool { available == 0 }

  /// Spends `byteCount` bytes of credit.
  ///
  /// - Throws: ``FramingError/Code/flowControlViolation`` when `byteCount` is negative or
  ///   exceeds ``available`` (on the receiving side: the peer overran its credit); the window
  ///   is then unchanged.
  public mutating func consume(_ byteCount: Int) throws(FramingError) {
    guard byteCount >= 0, byteCount <= available else {
      throw FramingError(
        .flowControlViolation,
        "\(byteCount) message bytes exceed the \(available) bytes of flow-control credit left")
    }
    available -= byteCount
  }

  /// Spends as much credit as is available, up to `byteCount`, and returns how much: the
  /// number of bytes a writer may send now.
  public mutating func take(upTo byteCount: Int) -> Int {
    let taken = min(max(byteCount, 0), available)
    available -= taken
    return taken
  }

  /// Adds `increment` bytes of credit, as a WINDOW_UPDATE does.
  ///
  /// - Throws: ``FramingError/Code/flowControlViolation`` when the window would exceed
  ///   2^31-1; the window is then unchanged.
  public mutating func grant(_ increment: UInt32) throws(FramingError) {
    guard Int(increment) <= Self.maxSize - available else {
      throw FramingError(
        .flowControlViolation,
        "a grant of \(increment) bytes would push the window of \(available) past 2^31-1")
    }
    available += Int(increment)
  }
}

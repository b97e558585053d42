/// The limits one endpoint announces in SETTINGS, with the protocol's defaults.
///
/// Each side keeps two: its own (what it told the peer it accepts) and the peer's (what it
/// may send). Values not announced keep their defaults.
public struct ConnectionSettings: Hashable, Sendable {
  /// The smallest maximum frame payload an endpoint may announce (and the default).
  public static let minFramePayloadSize = 16_384

  /// Largest frame payload the announcing endpoint accepts.
  public var maxFramePayloadSize: Int = ConnectionSettings.minFramePayloadSize
  /// Most calls the server runs at once on the connection.
  public var maxConcurrentStreams: UInt32 = 100
  /// Credit each new stream's window starts with, in bytes.
  public var initialStreamWindowSize: Int = 1 << 20
  /// Largest message the announcing endpoint accepts, in bytes.
  public var maxMessageSize: Int = 4 << 20
  /// Credit the connection's window starts with, in bytes.
  public var initialConnectionWindowSize: Int = 4 << 20

  /// The defaults: what holds for a peer that announced nothing.
  public init() {}

  /// Applies a SETTINGS frame's parameters in order; unknown ids are ignored.
  ///
  /// - Parameter initial: whether these come from the peer's first SETTINGS frame. The window
  ///   sizes cannot change afterwards: a later frame may only repeat them.
  /// - Throws: ``FramingError/Code/malformedFrame`` for a value out of range or a window size
  ///   changed after the first frame.
  public mutating func apply(_ parameters: [SettingParameter], initial: Bool) throws(FramingError) {
    for parameter in parameters {
      if let problem = parameter.rangeProblem {
        throw FramingError(.malformedFrame, "SETTINGS: \(problem)", kind: .settings, streamID: 0)
      }
      let value = Int(parameter.value)
      switch parameter.id {
      case .maxFramePayloadSize: maxFramePayloadSize = value
      case .maxConcurrentStreams: maxConcurrentStreams = parameter.value
      case .maxMessageSize: maxMessageSize = value
      case .initialStreamWindowSize, .initialConnectionWindowSize:
        let current =
          parameter.id == .initialStreamWindowSize
          ? initialStreamWindowSize : initialConnectionWindowSize
        guard initial || value == current else {
          throw FramingError(
            .malformedFrame,
            "SETTINGS: \(parameter.id) can only be set by the first SETTINGS frame (was \(current), now \(value))",
            kind: .settings, streamID: 0)
        }
        if parameter.id == .initialStreamWindowSize {
          initialStreamWindowSize = value
        } else {
          initialConnectionWindowSize = value
        }
      default: continue
      }
    }
  }

  /// The parameters that differ from the defaults, in id order: what to announce.
  public var nonDefaultParameters: [SettingParameter] {
    let defaults = ConnectionSettings()
    var result: [SettingParameter] = []
    if maxFramePayloadSize != defaults.maxFramePayloadSize {
      result.append(.init(.maxFramePayloadSize, UInt32(clamping: maxFramePayloadSize)))
    }
    if maxConcurrentStreams != defaults.maxConcurrentStreams {
      result.append(.init(.maxConcurrentStreams, maxConcurrentStreams))
    }
    if initialStreamWindowSize != defaults.initialStreamWindowSize {
      result.append(.init(.initialStreamWindowSize, UInt32(clamping: initialStreamWindowSize)))
    }
    if maxMessageSize != defaults.maxMessageSize {
      result.append(.init(.maxMessageSize, UInt32(clamping: maxMessageSize)))
    }
    if initialConnectionWindowSize != defaults.initialConnectionWindowSize {
      result.append(
        .init(.initialConnectionWindowSize, UInt32(clamping: initialConnectionWindowSize)))
    }
    return result
  }
}

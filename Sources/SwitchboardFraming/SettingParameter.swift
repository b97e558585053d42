/// The id of one SETTINGS parameter. Receivers ignore ids they do not know.
public struct SettingID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The value on the wire.
  public var rawValue: UInt16

  /// Wraps an id.
  @inlinable
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// Largest frame payload the sender accepts: 16384...16777215, default 16384.
  public static let maxFramePayloadSize = SettingID(rawValue: 0x0001)
  /// Most calls the server runs at once on the connection; default 100 (ignored from clients).
  public static let maxConcurrentStreams = SettingID(rawValue: 0x0002)
  /// Flow-control credit each new stream starts with: 0...2^31-1, default 1 MiB.
  public static let initialStreamWindowSize = SettingID(rawValue: 0x0003)
  /// Largest message the sender accepts, in bytes; default 4 MiB.
  public static let maxMessageSize = SettingID(rawValue: 0x0004)
  /// Flow-control credit of the whole connection: 0...2^31-1, default 4 MiB.
  public static let initialConnectionWindowSize = SettingID(rawValue: 0x0005)

  /// The specification's name, such as `MAX_FRAME_PAYLOAD_SIZE`.
  public var description: String {
    switch rawValue {
    case 1: "MAX_FRAME_PAYLOAD_SIZE"
    case 2: "MAX_CONCURRENT_STREAMS"
    case 3: "INITIAL_STREAM_WINDOW_SIZE"
    case 4: "MAX_MESSAGE_SIZE"
    case 5: "INITIAL_CONNECTION_WINDOW_SIZE"
    default:
      "setting 0x" + hex(UInt8(truncatingIfNeeded: rawValue >> 8))
        + hex(UInt8(truncatingIfNeeded: rawValue))
    }
  }
}

/// One `(id, value)` pair of a SETTINGS frame: 2 + 4 bytes, big-endian.
public struct SettingParameter: Hashable, Sendable {
  /// Which setting.
  public var id: SettingID
  /// Its value.
  public var value: UInt32

  /// Creates a parameter.
  @inlinable
  public init(_ id: SettingID, _ value: UInt32) {
    self.id = id
    self.value = value
  }

  /// Bytes of one parameter on the wire.
  public static let encodedLength = 6

  /// Why the value is out of range for its id, or nil when it is acceptable.
  ///
  /// Unknown ids always pass: receivers ignore them.
  public var rangeProblem: String? {
    switch id {
    case .maxFramePayloadSize:
      (UInt32(ConnectionSettings.minFramePayloadSize)...UInt32(FrameHeader.maxPayloadLength))
        .contains(value) ? nil : "\(id) \(value) is outside 16384...16777215"
    case .initialStreamWindowSize, .initialConnectionWindowSize:
      value <= UInt32(FlowControlWindow.maxSize) ? nil : "\(id) \(value) exceeds 2^31-1"
    default: nil
    }
  }
}

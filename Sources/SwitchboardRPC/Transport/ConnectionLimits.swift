internal import SwitchboardFraming

/// What one side of a connection accepts from the other, announced in SETTINGS.
public struct ConnectionLimits: Sendable, Hashable {
  /// The largest message accepted, in bytes; a larger one fails its call with
  /// `resourceExhausted` and the connection stays usable.
  public var maxMessageSize: Int = 4 << 20
  /// Credit each call starts with, in bytes: how much one call's peer may send ahead of what
  /// this side has read.
  public var streamWindowSize: Int = 1 << 20
  /// Credit for the whole connection, in bytes.
  public var connectionWindowSize: Int = 4 << 20
  /// The largest frame payload accepted, in bytes (at least 16 KiB).
  public var maxFramePayloadSize: Int = 16_384

  /// The protocol's defaults: 4 MiB messages, 1 MiB call window, 4 MiB connection window.
  public init() {}

  /// These limits as SETTINGS values, with `maxConcurrentStreams` for a server.
  func settings(maxConcurrentStreams: UInt32) -> ConnectionSettings {
    var settings = ConnectionSettings()
    settings.maxMessageSize = maxMessageSize
    settings.initialStreamWindowSize = streamWindowSize
    settings.initialConnectionWindowSize = connectionWindowSize
    settings.maxFramePayloadSize = max(maxFramePayloadSize, ConnectionSettings.minFramePayloadSize)
    settings.maxConcurrentStreams = maxConcurrentStreams
    return settings
  }
}

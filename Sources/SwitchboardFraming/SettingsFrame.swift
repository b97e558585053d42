/// SETTINGS (kind 0x01, stream 0): the sender's limits, or (flag ACK, empty payload) the
/// acknowledgement of the peer's SETTINGS.
///
/// Payload: zero or more parameters of `id: u16, value: u32`.
public struct SettingsFrame: Hashable, Sendable {
  /// Whether this acknowledges the peer's SETTINGS (then there are no parameters).
  public var isAck: Bool
  /// The parameters in order; later ones override earlier ones with the same id.
  public var parameters: [SettingParameter]

  /// Creates a SETTINGS frame announcing `parameters`.
  public init(_ parameters: [SettingParameter] = []) {
    self.isAck = false
    self.parameters = parameters
  }

  /// The acknowledgement of a peer's SETTINGS.
  public static let ack = SettingsFrame(isAck: true)

  private init(isAck: Bool) {
    self.isAck = isAck
    self.parameters = []
  }

  /// Appends the frame to `buffer`.
  ///
  /// - Throws: ``FramingError/Code/invalidValue`` for an acknowledgement with parameters or a
  ///   value out of range; ``FramingError/Code/frameTooLarge`` past `maxPayloadSize`.
  public func encode(
    into buffer: inout [UInt8], maxPayloadSize: Int = FrameHeader.maxPayloadLength
  ) throws(FramingError) {
    if isAck, !parameters.isEmpty {
      throw FramingError(
        .invalidValue, "a SETTINGS acknowledgement carries no parameters",
        kind: .settings, streamID: 0)
    }
    for parameter in parameters {
      if let problem = parameter.rangeProblem {
        throw FramingError(.invalidValue, "SETTINGS: \(problem)", kind: .settings, streamID: 0)
      }
    }
    try FrameLayout.beginFrame(
      .settings, flags: isAck ? .ack : [], streamID: 0,
      payloadLength: parameters.count * SettingParameter.encodedLength,
      maxPayloadSize: maxPayloadSize, into: &buffer)
    for parameter in parameters {
      buffer.appendUInt16(parameter.id.rawValue)
      buffer.appendUInt32(parameter.value)
    }
  }

  /// Decodes a SETTINGS payload.
  static func decode(flags: FrameFlags, reader: inout PayloadReader) throws(FramingError) -> Self {
    if flags.contains(.ack) {
      guard reader.remaining == 0 else {
        throw reader.malformed("an acknowledgement must be empty, got \(reader.remaining) bytes")
      }
      return .ack
    }
    guard reader.remaining % SettingParameter.encodedLength == 0 else {
      throw reader.malformed(
        "payload of \(reader.remaining) bytes is not a whole number of 6-byte parameters")
    }
    var parameters: [SettingParameter] = []
    parameters.reserveCapacity(reader.remaining / SettingParameter.encodedLength)
    while reader.remaining > 0 {
      let id = SettingID(rawValue: try reader.readUInt16("setting id"))
      let parameter = SettingParameter(id, try reader.readUInt32("setting value"))
      if let problem = parameter.rangeProblem { throw reader.malformed(problem) }
      parameters.append(parameter)
    }
    return SettingsFrame(parameters)
  }
}

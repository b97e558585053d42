import SwitchboardFraming
import Testing

@Suite("Connection settings")
struct ConnectionSettingsTests {
  @Test("defaults are the specification's")
  func defaults() {
    let settings = ConnectionSettings()
    #expect(settings.maxFramePayloadSize == 16_384)
    #expect(settings.maxConcurrentStreams == 100)
    #expect(settings.initialStreamWindowSize == 1_048_576)
    #expect(settings.maxMessageSize == 4_194_304)
    #expect(settings.initialConnectionWindowSize == 4_194_304)
    #expect(settings.nonDefaultParameters.isEmpty)
  }

  @Test("parameters apply in order, unknown ids are ignored")
  func apply() throws {
    var settings = ConnectionSettings()
    try settings.apply(
      [
        SettingParameter(.maxMessageSize, 1), SettingParameter(SettingID(rawValue: 99), 5),
        SettingParameter(.maxMessageSize, 2), SettingParameter(.maxFramePayloadSize, 65_536),
        SettingParameter(.initialStreamWindowSize, 0),
      ], initial: true)
    #expect(settings.maxMessageSize == 2)
    #expect(settings.maxFramePayloadSize == 65_536)
    #expect(settings.initialStreamWindowSize == 0)
    #expect(
      settings.nonDefaultParameters == [
        SettingParameter(.maxFramePayloadSize, 65_536),
        SettingParameter(.initialStreamWindowSize, 0),
        SettingParameter(.maxMessageSize, 2),
      ])
  }

  @Test("window sizes are fixed by the first SETTINGS frame")
  func windowsFixed() throws {
    var settings = ConnectionSettings()
    try settings.apply([SettingParameter(.initialConnectionWindowSize, 10)], initial: true)
    try settings.apply([SettingParameter(.initialConnectionWindowSize, 10)], initial: false)
    #expect(throws: FramingError.self) {
      try settings.apply([SettingParameter(.initialConnectionWindowSize, 11)], initial: false)
    }
    #expect(throws: FramingError.self) {
      try settings.apply([SettingParameter(.initialStreamWindowSize, 1)], initial: false)
    }
    try settings.apply([SettingParameter(.maxConcurrentStreams, 1)], initial: false)
    #expect(settings.maxConcurrentStreams == 1)
  }

  @Test("values out of range are refused")
  func ranges() {
    var settings = ConnectionSettings()
    for parameter in [
      SettingParameter(.maxFramePayloadSize, 16_383),
      SettingParameter(.maxFramePayloadSize, 1 << 24),
      SettingParameter(.initialStreamWindowSize, 1 << 31),
    ] {
      #expect(throws: FramingError.self) { try settings.apply([parameter], initial: true) }
    }
    #expect(settings == ConnectionSettings())
  }

  @Test("names for logs")
  func names() {
    #expect(SettingID.maxFramePayloadSize.description == "MAX_FRAME_PAYLOAD_SIZE")
    #expect(SettingID(rawValue: 0xBEEF).description == "setting 0xbeef")
    #expect(FrameStatusCode.deadlineExceeded.description == "deadlineExceeded")
    #expect(FrameStatusCode(rawValue: 99).description == "code 99")
    #expect(GoAwayCode.unsupportedVersion.description == "UNSUPPORTED_VERSION")
    #expect(FrameKind.callStart.description == "CALL_START")
  }

  @Test("status code numbers are gRPC's")
  func statusNumbers() {
    let codes: [FrameStatusCode] = [
      .ok, .cancelled, .unknown, .invalidArgument, .deadlineExceeded, .notFound, .alreadyExists,
      .permissionDenied, .resourceExhausted, .failedPrecondition, .aborted, .outOfRange,
      .unimplemented, .internal, .unavailable, .dataLoss, .unauthenticated,
    ]
    #expect(codes.map(\.rawValue) == Array(0...16))
  }
}

import SwitchboardFraming
import Testing

@Suite("Frames round-trip through the encoders and the decoder")
struct FrameRoundTripTests {
  @Test("every sample frame decodes to itself, with a header that matches its payload")
  func everySampleRoundTrips() throws {
    for frame in try sampleFrames() {
      let bytes = try encoded(frame)
      let header = try #require(FrameHeader(parsing: bytes))
      #expect(header.payloadLength == bytes.count - FrameHeader.size, "\(frame)")
      #expect(header.kind == frame.kind)
      #expect(header.streamID == frame.streamID)
      #expect(try decodeAll(bytes) == [frame])
    }
  }

  @Test("the samples cover every kind of this version plus unknown kinds")
  func samplesCoverEveryKind() throws {
    let kinds = Set(try sampleFrames().map(\.kind.rawValue))
    #expect(kinds.isSuperset(of: Set(1...9)))
    #expect(kinds.contains { !FrameKind(rawValue: $0).isKnown })
  }

  @Test(
    "each kind survives byte-by-byte, whole, merged and random-chunk feeding",
    arguments: Array(1...10) as [UInt8])
  func verifierPerKind(kind: UInt8) throws {
    let frames = try sampleFrames().filter {
      kind == 10 ? !$0.kind.isKnown : $0.kind.rawValue == kind
    }
    #expect(!frames.isEmpty)
    // Surround the kind's frames with a PING and a MESSAGE so merges cross kinds too.
    let around: [Frame] = [
      .ping(PingFrame(payload: 42)), .message(MessageFrame(streamID: 9, payload: [1, 2, 3])),
    ]
    try DecoderVerifier.verify(frames: [around[0]] + frames + [around[1]] + frames)
  }

  @Test("all samples back to back through the verifier")
  func verifierAllSamples() throws {
    try DecoderVerifier.verify(frames: try sampleFrames())
  }

  @Test("exact bytes of the fixed-layout frames")
  func fixedLayouts() throws {
    #expect(
      hexString(try encoded(.ping(PingFrame(payload: 0x0102_0304_0506_0708, isAck: true))))
        == "00 00 08 02 01 00 00 00 00 01 02 03 04 05 06 07 08")
    #expect(
      hexString(try encoded(.windowUpdate(WindowUpdateFrame(streamID: 3, increment: 65536))))
        == "00 00 04 04 00 00 00 00 03 00 01 00 00")
    #expect(
      hexString(try encoded(.cancel(CancelFrame(streamID: 5, status: .deadlineExceeded))))
        == "00 00 04 09 00 00 00 00 05 00 00 00 04")
    #expect(
      hexString(try encoded(.halfClose(HalfCloseFrame(streamID: 1))))
        == "00 00 00 07 00 00 00 00 01")
    #expect(hexString(try encoded(.settings(.ack))) == "00 00 00 01 01 00 00 00 00")
    #expect(
      hexString(try encoded(.settings(SettingsFrame([SettingParameter(.maxMessageSize, 1024)]))))
        == "00 00 06 01 00 00 00 00 00 00 04 00 00 04 00")
    #expect(
      hexString(try encoded(.goAway(GoAwayFrame(lastStreamID: 7, code: .noError, message: "bye"))))
        == "00 00 0d 03 00 00 00 00 00 00 00 00 07 00 00 00 00 00 03 62 79 65")
    #expect(
      hexString(
        try encoded(.end(EndFrame(streamID: 1, status: .notFound, message: "no", refused: true))))
        == "00 00 0a 08 01 00 00 00 01 00 00 00 05 00 02 6e 6f 00 00")
  }

  @Test("decoded frames re-encode to the same bytes")
  func reencodeIsStable() throws {
    let bytes = try sampleFrames().flatMap { try encoded($0) }
    var again: [UInt8] = []
    for frame in try decodeAll(bytes) { try frame.encode(into: &again) }
    #expect(again == bytes)
  }

  @Test("unknown flag bits are ignored on known kinds")
  func unknownFlagsIgnored() throws {
    let bytes = rawFrame(kind: 0x07, flags: 0xF0, streamID: 1)
    #expect(try decodeAll(bytes) == [.halfClose(HalfCloseFrame(streamID: 1))])
    let ping = rawFrame(kind: 0x02, flags: 0xFE, payload: be64(1))
    #expect(try decodeAll(ping) == [.ping(PingFrame(payload: 1, isAck: false))])
  }
}

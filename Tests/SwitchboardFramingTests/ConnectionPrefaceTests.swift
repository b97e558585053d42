import SwitchboardFraming
import Testing

@Suite("The 8-byte connection preface")
struct ConnectionPrefaceTests {
  @Test("the bytes are SWBD\\r\\n, version, 0")
  func bytes() {
    #expect(hexString(ConnectionPreface.bytes()) == "53 57 42 44 0d 0a 01 00")
    var buffer: [UInt8] = [0xFF]
    ConnectionPreface.encode(version: 3, into: &buffer)
    #expect(buffer == [0xFF] + ConnectionPreface.magic + [3, 0])
  }

  @Test("a good preface is valid once all 8 bytes are in, fed byte by byte")
  func goodPreface() {
    let bytes = ConnectionPreface.bytes()
    for length in 0..<8 {
      #expect(ConnectionPreface.parse(bytes.prefix(length)) == .needMoreBytes)
    }
    #expect(ConnectionPreface.parse(bytes) == .valid(version: 1))
  }

  @Test("another version is reported, not judged; the reserved byte is ignored")
  func otherVersion() {
    #expect(ConnectionPreface.parse(ConnectionPreface.magic + [2, 0]) == .valid(version: 2))
    #expect(ConnectionPreface.parse(ConnectionPreface.magic + [1, 0xEE]) == .valid(version: 1))
  }

  @Test(
    "wrong magic is refused at the first wrong byte",
    arguments: [
      Array("GET / HTTP/1.1\r\n".utf8), [0x53, 0x57, 0x42, 0x45], [0x00],
      Array("SWBD\n\r\u{1}\0".utf8),
      [0x16, 0x03, 0x01, 0x02, 0x00],  // a TLS ClientHello
    ])
  func badMagic(bytes: [UInt8]) throws {
    guard case .invalid(let error) = ConnectionPreface.parse(bytes) else {
      Issue.record("expected invalid")
      return
    }
    #expect(error.code == .badPreface)
    #expect(error.goAwayCode == .protocolError)
    #expect(error.message.contains("SWBD"))
  }

  @Test("the decoder consumes the preface and decodes the frames behind it")
  func decoderPreface() throws {
    var decoder = FrameDecoder()
    let settings = Frame.settings(SettingsFrame([SettingParameter(.maxMessageSize, 10)]))
    let bytes = ConnectionPreface.bytes() + (try encoded(settings))
    decoder.append(contentsOf: bytes.prefix(5))
    #expect(decoder.readPreface() == .needMoreBytes)
    decoder.append(contentsOf: bytes.dropFirst(5))
    #expect(decoder.readPreface() == .valid(version: 1))
    #expect(try decoder.nextFrame() == settings)
    #expect(decoder.bufferedByteCount == 0)
  }

  @Test("a bad preface makes the decoder fail for good")
  func decoderBadPreface() {
    var decoder = FrameDecoder()
    decoder.append(contentsOf: Array("PRI * HTTP/2.0".utf8))
    guard case .invalid(let error) = decoder.readPreface() else {
      Issue.record("expected invalid")
      return
    }
    #expect(decoder.readPreface() == .invalid(error))
    #expect(throws: error) { try decoder.nextFrame() }
  }

  @Test("the unsupported-version GOAWAY names the versions the server speaks")
  func unsupportedVersionGoAway() throws {
    let frame = GoAwayFrame.unsupportedVersion(7, supported: [1])
    #expect(frame.lastStreamID == 0 && frame.code == .unsupportedVersion)
    #expect(frame.message == "unsupported protocol version 7; this server supports version 1")
    #expect(try decodeAll(try encoded(.goAway(frame))) == [.goAway(frame)])
  }
}

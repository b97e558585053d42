import Foundation
import SwitchboardFraming
import Testing

/// Keeps the worked example of docs/PROTOCOL.md true: its hex is read from the document and
/// must equal what the encoders produce, flight by flight, and decode back to the frames.
@Suite("docs/PROTOCOL.md worked example")
struct ProtocolExampleTests {
  /// The four flights of the unary call `peer.Bench/Send`, as the encoders write them.
  static func flights() throws -> [[UInt8]] {
    var clientHello: [UInt8] = []
    ConnectionPreface.encode(into: &clientHello)
    try SettingsFrame([SettingParameter(.maxMessageSize, 1 << 20)]).encode(into: &clientHello)

    var serverHello: [UInt8] = []
    ConnectionPreface.encode(into: &serverHello)
    try SettingsFrame([
      SettingParameter(.maxConcurrentStreams, 256), SettingParameter(.maxFramePayloadSize, 65_536),
    ]).encode(into: &serverHello)
    try SettingsFrame.ack.encode(into: &serverHello)

    var request: [UInt8] = []
    try SettingsFrame.ack.encode(into: &request)
    var metadata = FrameMetadata()
    try metadata.append(key: "request-id", value: "7f3a")
    try CallStartFrame(
      streamID: 1, method: "peer.Bench/Send", timeoutMicroseconds: 250_000, metadata: metadata
    ).encode(into: &request)
    // SendRequest { text: "hi", seq: 300 }, written behind its header in place.
    let sendRequest: [UInt8] = [0x0A, 0x02, 0x68, 0x69, 0x10, 0xAC, 0x02]
    try FrameEncoder.appendMessageHeader(
      streamID: 1, payloadLength: sendRequest.count, endStream: true, into: &request)
    FrameEncoder.appendBytes(count: sendRequest.count, into: &request) { region in
      _ = region.initialize(from: sendRequest)
    }

    var response: [UInt8] = []
    // SendReply { id: 42 }.
    try MessageFrame(streamID: 1, payload: [0x08, 0x2A]).encode(into: &response)
    try EndFrame(streamID: 1, status: .ok).encode(into: &response)
    return [clientHello, serverHello, request, response]
  }

  /// The hex of each code block between the example markers of docs/PROTOCOL.md.
  static func documentBlocks() throws -> [[UInt8]] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(
      contentsOf: root.appendingPathComponent("docs/PROTOCOL.md"), encoding: .utf8)
    guard let begin = text.range(of: "<!-- worked-example:begin -->"),
      let end = text.range(of: "<!-- worked-example:end -->")
    else {
      Issue.record("docs/PROTOCOL.md lacks the worked-example markers")
      return []
    }
    var blocks: [[UInt8]] = []
    var inBlock = false
    for line in text[begin.upperBound..<end.lowerBound].split(
      separator: "\n", omittingEmptySubsequences: false)
    {
      if line.hasPrefix("```") {
        inBlock.toggle()
        if inBlock { blocks.append([]) }
        continue
      }
      guard inBlock else { continue }
      // "hex bytes  annotation": the bytes are the part before the first double space.
      let bytesPart = line.components(separatedBy: "  ").first ?? ""
      let tokens = bytesPart.split(separator: " ")
      let values = tokens.compactMap { $0.count == 2 ? UInt8($0, radix: 16) : nil }
      guard !tokens.isEmpty, values.count == tokens.count else { continue }
      blocks[blocks.count - 1] += values
    }
    return blocks
  }

  @Test("the document's bytes are the encoders' bytes")
  func documentMatchesEncoders() throws {
    let expected = try Self.flights()
    let document = try Self.documentBlocks()
    #expect(document.count == expected.count)
    for (index, (doc, enc)) in zip(document, expected).enumerated() {
      #expect(hexString(doc) == hexString(enc), "flight \(index + 1)")
    }
  }

  @Test("each flight decodes to the frames the document describes")
  func flightsDecode() throws {
    let flights = try Self.flights()
    var server = FrameDecoder(maxFramePayloadSize: 65_536)
    var client = FrameDecoder()

    server.append(contentsOf: flights[0])
    #expect(server.readPreface() == .valid(version: 1))
    #expect(
      try drain(&server) == [.settings(SettingsFrame([SettingParameter(.maxMessageSize, 1 << 20)]))]
    )

    client.append(contentsOf: flights[1])
    #expect(client.readPreface() == .valid(version: 1))
    let hello = try drain(&client)
    #expect(hello.count == 2 && hello.last == .settings(.ack))
    var peer = ConnectionSettings()
    if case .settings(let settings) = hello.first {
      try peer.apply(settings.parameters, initial: true)
    }
    #expect(peer.maxConcurrentStreams == 256 && peer.maxFramePayloadSize == 65_536)

    server.append(contentsOf: flights[2])
    let request = try drain(&server)
    #expect(request.count == 3)
    guard case .callStart(let start) = request[1], case .message(let message) = request[2] else {
      Issue.record("expected CALL_START then MESSAGE, got \(request)")
      return
    }
    #expect(start.method == "peer.Bench/Send" && start.timeoutMicroseconds == 250_000)
    #expect(
      start.metadata.first(forKey: "request-id").map { String(decoding: $0, as: UTF8.self) }
        == "7f3a")
    #expect(message.endStream && message.payload == [0x0A, 0x02, 0x68, 0x69, 0x10, 0xAC, 0x02])

    client.append(contentsOf: flights[3])
    #expect(
      try drain(&client) == [
        .message(MessageFrame(streamID: 1, payload: [0x08, 0x2A])),
        .end(EndFrame(streamID: 1, status: .ok)),
      ])
  }
}

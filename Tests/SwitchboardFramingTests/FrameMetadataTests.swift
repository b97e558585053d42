import SwitchboardFraming
import Testing

@Suite("Metadata in wire form")
struct FrameMetadataTests {
  @Test("entries iterate in order, keys repeat, values are bytes")
  func iteration() throws {
    var metadata = try metadata([("a", "1"), ("b-c", ""), ("a", "2")])
    try metadata.append(key: "bin", value: [0, 255])
    #expect(metadata.count == 4)
    let pairs = metadata.map { ($0.key, Array($0.value)) }
    #expect(pairs.map(\.0) == ["a", "b-c", "a", "bin"])
    #expect(pairs.map(\.1) == [[0x31], [], [0x32], [0, 255]])
    #expect(metadata.values(forKey: "a").map(Array.init) == [[0x31], [0x32]])
    #expect(metadata.first(forKey: "bin").map(Array.init) == [0, 255])
    #expect(metadata.first(forKey: "zzz") == nil)
    #expect(
      metadata.encodedLength == 2 + (1 + 1 + 2 + 1) + (1 + 3 + 2) + (1 + 1 + 2 + 1)
        + (1 + 3 + 2 + 2))
  }

  @Test("empty metadata is two zero bytes")
  func empty() {
    var buffer: [UInt8] = []
    FrameMetadata().encode(into: &buffer)
    #expect(buffer == [0, 0])
    #expect(FrameMetadata().isEmpty)
  }

  @Test(
    "invalid keys are refused",
    arguments: ["", "Upper", "sp ace", "ünï", "a:b", String(repeating: "k", count: 256)])
  func invalidKeys(key: String) {
    var metadata = FrameMetadata()
    #expect(throws: FramingError.self) { try metadata.append(key: key, value: "v") }
    #expect(metadata.isEmpty)
    #expect(!FrameMetadata.isValidKey(Array(key.utf8)))
  }

  @Test("valid edge keys and values are accepted")
  func validEdges() throws {
    var metadata = FrameMetadata()
    try metadata.append(
      key: String(repeating: "k", count: 255), value: [UInt8](repeating: 1, count: 65_535))
    try metadata.append(key: "0.9_a-z", value: "")
    let frame = Frame.callStart(CallStartFrame(streamID: 1, method: "a/b", metadata: metadata))
    #expect(try decodeAll(try encoded(frame)) == [frame])
  }

  @Test("a value over 65535 bytes is refused")
  func valueTooLong() {
    var metadata = FrameMetadata()
    #expect(throws: FramingError.self) {
      try metadata.append(key: "k", value: [UInt8](repeating: 0, count: 65_536))
    }
  }

  @Test("decoded metadata equals the metadata that was encoded")
  func decodedEquality() throws {
    let sent = try metadata([("trace-id", "abc"), ("user", "ana")])
    let frame = Frame.end(EndFrame(streamID: 1, status: .ok, trailers: sent))
    guard case .end(let end) = try decodeAll(try encoded(frame)).first else {
      Issue.record("expected END")
      return
    }
    #expect(end.trailers == sent)
    #expect(end.trailers.map(\.key) == ["trace-id", "user"])
  }
}

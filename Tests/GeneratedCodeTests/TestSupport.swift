import SwitchboardRPC
import Testing
import SwitchboardTestSupport


/// `message` encoded and decoded again, checking on the way that the encoding is exactly
/// `serializedSize()` bytes long.
func roundTripped<M: WireMessage>(
  _ message: M, sourceLocation: SourceLocation = #_sourceLocation
) throws -> M {
  let bytes = message.serializedBytes()
  #expect(bytes.count == message.serializedSize(), sourceLocation: sourceLocation)
  return try M(serializedBytes: bytes)
}

/// Checks that `message` survives an encode and a decode unchanged.
func expectRoundTrip<M: WireMessage>(
  _ message: M, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let decoded = try roundTripped(message, sourceLocation: sourceLocation)
  #expect(decoded == message, comment, sourceLocation: sourceLocation)
}

/// The error decoding `bytes` as `M` throws, recording an issue if it decodes.
func decodingError<M: WireMessage>(
  _: M.Type, _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation
) -> WireDecodingError? {
  do {
    let message = try M(serializedBytes: bytes)
    Issue.record("expected an error, decoded \(message)", sourceLocation: sourceLocation)
    return nil
  } catch {
    return error
  }
}

/// A length-delimited field: `tag`, the length of `payload`, then `payload`.
func lengthDelimited(_ tag: [UInt8], _ payload: [UInt8]) -> [UInt8] {
  tag + referenceVarint(UInt64(payload.count)) + payload
}

/// Lowercase hex, bytes separated by spaces.
func hex(_ bytes: some Sequence<UInt8>) -> String {
  bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
}

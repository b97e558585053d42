import SwitchboardWire
import Testing
import SwitchboardTestSupport


/// Bytes written by `body` into a buffer of exactly `size` bytes, checking that it filled it.
func written(
  size: Int, sourceLocation: SourceLocation = #_sourceLocation,
  _ body: (inout WireWriter) -> Void
) -> [UInt8] {
  [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
    var writer = WireWriter(buffer)
    body(&writer)
    #expect(
      writer.count == size, "writer filled \(writer.count) of \(size) bytes",
      sourceLocation: sourceLocation)
    initialized = writer.count
  }
}

/// What `body` read from `bytes` and where the reader stopped, or the error it threw.
func reading<T>(
  _ bytes: [UInt8], _ body: (inout WireReader) throws -> T
) -> Result<(value: T, offset: Int), WireDecodingError> {
  bytes.withUnsafeBytes { buffer in
    var reader = WireReader(buffer)
    do {
      let value = try body(&reader)
      return .success((value, reader.offset))
    } catch let error as WireDecodingError {
      return .failure(error)
    } catch {
      preconditionFailure("the reader throws only WireDecodingError, not \(error)")
    }
  }
}

/// The error `body` threw reading `bytes`, or nil (recording an issue) if it threw none.
func readingError<T>(
  _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation,
  _ body: (inout WireReader) throws -> T
) -> WireDecodingError? {
  switch reading(bytes, body) {
  case .success(let result):
    Issue.record(
      "expected an error, read \(result.value) up to byte \(result.offset)",
      sourceLocation: sourceLocation)
    return nil
  case .failure(let error):
    return error
  }
}

/// Lowercase hex, bytes separated by spaces.
func hex(_ bytes: some Sequence<UInt8>) -> String {
  bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
}

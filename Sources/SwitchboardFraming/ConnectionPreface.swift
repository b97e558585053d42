/// The 8 bytes each side sends first: the magic `SWBD\r\n`, the protocol version, a reserved
/// byte (0).
///
/// The client sends its preface and SETTINGS; the server answers with its own preface and
/// SETTINGS. This layout, the frame header and GOAWAY never change between versions, so a
/// peer can always read why a connection was refused.
public enum ConnectionPreface {
  /// `SWBD\r\n`: 53 57 42 44 0d 0a.
  public static let magic: [UInt8] = [0x53, 0x57, 0x42, 0x44, 0x0D, 0x0A]
  /// Bytes in a preface.
  public static let length = 8
  /// The protocol version this module implements.
  public static let currentVersion: UInt8 = 1

  /// The preface announcing `version`.
  public static func bytes(version: UInt8 = currentVersion) -> [UInt8] {
    magic + [version, 0]
  }

  /// Appends the preface announcing `version` to `buffer`.
  public static func encode(version: UInt8 = currentVersion, into buffer: inout [UInt8]) {
    buffer.append(contentsOf: magic)
    buffer.append(version)
    buffer.append(0)
  }

  /// Reads a preface from the start of `bytes`, which may hold more (or fewer) bytes.
  ///
  /// Any version is `valid`: whether it is supported is the caller's decision. The reserved
  /// byte is ignored. A mismatch in the magic is reported as soon as the first wrong byte is
  /// there, so a stray HTTP request is refused without waiting.
  public static func parse(_ bytes: some Collection<UInt8>) -> PrefaceParseResult {
    var index = bytes.startIndex
    for expected in magic {
      guard index != bytes.endIndex else { return .needMoreBytes }
      guard bytes[index] == expected else {
        let seen = bytes.prefix(length).map { hex($0) }.joined(separator: " ")
        return .invalid(
          FramingError(
            .badPreface,
            "the peer did not start with the Switchboard preface (53 57 42 44 0d 0a, \"SWBD\\r\\n\", version, 0); got \(seen)"
          ))
      }
      bytes.formIndex(after: &index)
    }
    guard index != bytes.endIndex else { return .needMoreBytes }
    let version = bytes[index]
    bytes.formIndex(after: &index)
    guard index != bytes.endIndex else { return .needMoreBytes }
    return .valid(version: version)
  }
}

/// What ``ConnectionPreface/parse(_:)`` found.
public enum PrefaceParseResult: Hashable, Sendable {
  /// Fewer than 8 bytes, all matching so far.
  case needMoreBytes
  /// A preface with this protocol version.
  case valid(version: UInt8)
  /// Not a Switchboard preface (``FramingError/Code/badPreface``).
  case invalid(FramingError)
}

/// Why decoding stopped: what was wrong, at which byte, in which field.
///
/// Hostile input never crashes a decoder; it throws one of these.
public struct WireDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What was wrong with the input.
  public enum Reason: Sendable, Hashable {
    /// The input ended in the middle of a value.
    case truncated
    /// A varint ran past ten bytes, or a tag past 32 bits.
    case malformedVarint
    /// Wire type 6 or 7, which protobuf does not define.
    case invalidWireType(UInt8)
    /// A tag with field number 0.
    case fieldNumberZero
    /// A length prefix pointing past the end of its enclosing message.
    case lengthPastEnd(length: UInt64, available: Int)
    /// Messages nested deeper than ``WireFormat/maxNesting``.
    case nestingTooDeep
    /// A `string` field whose bytes are not valid UTF-8.
    case invalidUTF8
    /// An end-group marker with no matching start-group marker.
    case unmatchedEndGroup
    /// A packed fixed-size field whose length is not a multiple of its element size.
    case misalignedPackedField(length: Int, elementSize: Int)
  }

  /// What was wrong.
  public var reason: Reason
  /// The offset, in bytes from the start of the outermost message, where the problem starts.
  public var offset: Int
  /// The field being read when it happened, if one was.
  public var fieldNumber: Int32?

  /// Creates an error.
  public init(_ reason: Reason, offset: Int, fieldNumber: Int32? = nil) {
    self.reason = reason
    self.offset = offset
    self.fieldNumber = fieldNumber
  }

  /// A sentence naming the problem, the field and the byte offset.
  public var description: String {
    let what: String
    switch reason {
    case .truncated: what = "input ends in the middle of a value"
    case .malformedVarint: what = "varint longer than 10 bytes (or tag longer than 32 bits)"
    case .invalidWireType(let type): what = "invalid wire type \(type)"
    case .fieldNumberZero: what = "field number 0 is not allowed"
    case .lengthPastEnd(let length, let available):
      what = "length \(length) runs past the end of the message (\(available) bytes left)"
    case .nestingTooDeep: what = "messages nested deeper than \(WireFormat.maxNesting) levels"
    case .invalidUTF8: what = "string is not valid UTF-8"
    case .unmatchedEndGroup: what = "end-group marker without a matching start-group"
    case .misalignedPackedField(let length, let size):
      what = "packed field of \(length) bytes is not a whole number of \(size)-byte values"
    }
    let field = fieldNumber.map { " in field \($0)" } ?? ""
    return "protobuf decoding failed: \(what)\(field) at byte \(offset)"
  }
}

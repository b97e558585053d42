/// The value of a contact attribute: not blank, at most 1 KiB of UTF-8.
public struct AttributeValue: Hashable, Sendable, CustomStringConvertible {
  /// The longest value accepted, in bytes of UTF-8.
  public static let maxBytes = 1024

  /// The value, trimmed.
  public let rawValue: String

  /// Validates `text`, trimming surrounding whitespace.
  ///
  /// - Throws: ``DomainError/Kind/invalidArgument`` when blank (remove the attribute instead)
  ///   or too long.
  public init(_ text: String) throws(DomainError) {
    let value = text.trimmed
    guard !value.isEmpty else {
      throw .invalidArgument(
        "the attribute value is empty: to clear an attribute, remove it instead")
    }
    guard value.utf8.count <= Self.maxBytes else {
      throw .invalidArgument(
        "the attribute value is \(value.utf8.count) bytes; at most \(Self.maxBytes) bytes (1 KiB)"
          + " of UTF-8")
    }
    rawValue = value
  }

  /// The value.
  public var description: String { rawValue }
}

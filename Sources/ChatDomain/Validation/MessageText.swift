/// The text of a message to or from a WhatsApp user: not blank, at most 4096 bytes of UTF-8
/// (WhatsApp's limit for a text message).
public struct MessageText: Hashable, Sendable, CustomStringConvertible {
  /// The longest text WhatsApp accepts, in bytes of UTF-8.
  public static let maxBytes = 4096

  /// The text, without leading and trailing whitespace.
  public let rawValue: String

  /// Validates `text`, trimming leading and trailing whitespace.
  ///
  /// - Throws: ``DomainError/Kind/invalidArgument`` when the text is blank or too long.
  public init(_ text: String) throws(DomainError) {
    let trimmed = text.trimmed
    guard !trimmed.isEmpty else {
      throw .invalidArgument("the message is empty: write some text (whitespace alone is not sent)")
    }
    let bytes = trimmed.utf8.count
    guard bytes <= Self.maxBytes else {
      throw .invalidArgument(
        "the message is \(bytes) bytes long; WhatsApp accepts at most \(Self.maxBytes) bytes of "
          + "UTF-8 per message: shorten it or split it into several messages")
    }
    rawValue = trimmed
  }

  /// The text.
  public var description: String { rawValue }
}

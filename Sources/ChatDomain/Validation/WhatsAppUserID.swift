/// The identifier WhatsApp gives a user (`wa_id`), which identifies a contact in a workspace.
///
/// Usually the user's phone digits, but WhatsApp may use other forms, so the check is loose:
/// not empty, at most 64 bytes, no spaces or control characters.
public struct WhatsAppUserID: Hashable, Sendable, CustomStringConvertible {
  /// The longest identifier accepted, in bytes of UTF-8.
  public static let maxBytes = 64

  /// The identifier as WhatsApp sent it, trimmed.
  public let rawValue: String

  /// Validates `text`.
  ///
  /// - Throws: ``DomainError/Kind/invalidArgument`` when it is empty, too long, or holds spaces.
  public init(_ text: String) throws(DomainError) {
    let id = text.trimmed
    guard !id.isEmpty else {
      throw .invalidArgument("the WhatsApp user id is empty: pass the wa_id WhatsApp sent")
    }
    guard id.utf8.count <= Self.maxBytes else {
      throw .invalidArgument(
        "the WhatsApp user id \(id.quoted) is \(id.utf8.count) bytes; at most \(Self.maxBytes)")
    }
    guard !id.hasWhitespace, !id.hasControlCharacter else {
      throw .invalidArgument(
        "the WhatsApp user id \(id.quoted) holds spaces or control characters; pass the wa_id as "
          + "WhatsApp sent it")
    }
    rawValue = id
  }

  /// The identifier.
  public var description: String { rawValue }
}

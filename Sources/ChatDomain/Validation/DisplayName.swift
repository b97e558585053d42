/// A person's name as shown on the desk (a contact's WhatsApp profile name, an agent's name):
/// 1 to 100 characters on one line.
public struct DisplayName: Hashable, Sendable, CustomStringConvertible {
  /// The longest name accepted, in characters.
  public static let maxCharacters = 100

  /// The name, trimmed.
  public let rawValue: String

  /// Validates `text`, trimming surrounding whitespace.
  ///
  /// - Throws: ``DomainError/Kind/invalidArgument`` when it is blank, too long or not one line.
  public init(_ text: String) throws(DomainError) {
    let name = text.trimmed
    guard !name.isEmpty else {
      throw .invalidArgument("the name is empty: write at least one letter")
    }
    guard name.count <= Self.maxCharacters else {
      throw .invalidArgument(
        "the name \(name.quoted) has \(name.count) characters; at most \(Self.maxCharacters)")
    }
    guard !name.hasControlCharacter else {
      throw .invalidArgument(
        "the name \(name.quoted) holds a line break, tab or control character; write it on one line"
      )
    }
    rawValue = name
  }

  /// The name.
  public var description: String { rawValue }
}

/// The name of a tag: 1 to 50 characters of letters (any script, accents included), digits,
/// spaces and `- _ . & / +`; surrounding whitespace is trimmed and inner runs of spaces become
/// one.
///
/// Names compare without regard to case: `VIP` and `vip` are the same tag, shown as first
/// written.
public struct TagName: Hashable, Sendable, CustomStringConvertible {
  /// The longest name accepted, in characters.
  public static let maxCharacters = 50

  /// The tag every contact gets with their first message.
  public static let firstMessage = TagName(verified: "first-message")

  private static let symbols = Set(" -_.&/+")

  /// The name as written, normalised.
  public let rawValue: String

  /// Validates `text`.
  ///
  /// - Throws: ``DomainError/Kind/invalidArgument`` naming the first character not allowed.
  public init(_ text: String) throws(DomainError) {
    let name = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    guard !name.isEmpty else { throw .invalidArgument("the tag name is empty") }
    guard name.count <= Self.maxCharacters else {
      throw .invalidArgument(
        "the tag name \(name.quoted) has \(name.count) characters; at most \(Self.maxCharacters)")
    }
    if let bad = name.first(where: { !($0.isLetter || $0.isNumber || Self.symbols.contains($0)) }) {
      throw .invalidArgument(
        "the tag name \(name.quoted) holds '\(bad)': use letters, digits, spaces and - _ . & / +")
    }
    rawValue = name
  }

  private init(verified: String) { rawValue = verified }

  /// The form names compare by.
  var key: String { rawValue.lowercased() }

  public static func == (lhs: TagName, rhs: TagName) -> Bool { lhs.key == rhs.key }

  public func hash(into hasher: inout Hasher) { hasher.combine(key) }

  /// The name.
  public var description: String { rawValue }
}

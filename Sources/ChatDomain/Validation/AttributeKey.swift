/// The key of a contact attribute, in lowercase snake_case: a lowercase ASCII letter, then
/// lowercase letters, digits and single underscores, at most 64 characters, not ending with an
/// underscore.
///
/// `name`, `phone` and `email` are not attribute keys: they are the profile's fields
/// (``ProfileField``), and templates reach them by the same names.
public struct AttributeKey: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The longest key accepted.
  public static let maxLength = 64

  /// The key.
  public let rawValue: String

  /// Validates `text` (not trimmed: a key with spaces is wrong, not sloppy).
  ///
  /// - Throws: ``DomainError/Kind/invalidArgument`` suggesting a valid spelling when there is
  ///   one.
  public init(_ text: String) throws(DomainError) {
    if ProfileField(rawValue: text) != nil {
      throw .invalidArgument(
        "'\(text)' is a profile field, not an attribute: change the contact's \(text) instead")
    }
    guard !text.isEmpty else { throw .invalidArgument("the attribute key is empty") }
    guard text.utf8.count <= Self.maxLength else {
      throw .invalidArgument(
        "the attribute key \(text.quoted) is \(text.utf8.count) characters; at most "
          + "\(Self.maxLength)")
    }
    guard Self.isSnakeCase(text) else {
      let suggestion = Self.suggestion(for: text)
      throw .invalidArgument(
        "\(text.quoted) is not a valid attribute key: use lowercase snake_case (a letter, then "
          + "lowercase letters, digits and single underscores)"
          + (suggestion.map { ", such as '\($0)'" } ?? ""))
    }
    rawValue = text
  }

  /// Whether `text` is lowercase snake_case.
  static func isSnakeCase(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first),
      bytes.last != UInt8(ascii: "_")
    else { return false }
    var previous: UInt8 = 0
    for byte in bytes {
      let lower = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
      let digit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      let underscore = byte == UInt8(ascii: "_")
      guard lower || digit || underscore, !(underscore && previous == byte) else { return false }
      previous = byte
    }
    return true
  }

  /// `Favourite Colour` → `favourite_colour`: the key a person probably meant, if there is one.
  static func suggestion(for text: String) -> String? {
    var result = ""
    for word in TextFolding.words(in: text) where !word.isEmpty {
      let ascii = word.unicodeScalars.filter { $0.isASCII }.map(String.init).joined()
      guard !ascii.isEmpty else { continue }
      result += (result.isEmpty ? "" : "_") + ascii
    }
    if let first = result.first, !first.isLetter { result = "a_" + result }
    guard !result.isEmpty, result.utf8.count <= maxLength, isSnakeCase(result),
      ProfileField(rawValue: result) == nil
    else { return nil }
    return result
  }

  public static func < (lhs: AttributeKey, rhs: AttributeKey) -> Bool {
    lhs.rawValue < rhs.rawValue
  }

  /// The key.
  public var description: String { rawValue }
}

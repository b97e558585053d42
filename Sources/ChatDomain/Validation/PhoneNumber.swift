/// A phone number in E.164 form: `+`, then 8 to 15 digits, the first not 0.
///
/// Spaces, hyphens, dots and parentheses people type between digits are removed, so
/// `+55 (11) 91234-5678` becomes `+5511912345678`.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
  /// The number in E.164 form, such as `+5511912345678`.
  public let rawValue: String

  /// Validates `text`.
  ///
  /// - Throws: ``DomainError/Kind/invalidArgument`` saying what E.164 needs.
  public init(_ text: String) throws(DomainError) {
    let written = text.trimmed
    let compact = written.filter { !" -.()\u{00A0}".contains($0) }
    func refuse(_ why: String) -> DomainError {
      .invalidArgument(
        "\(written.quoted) is not a phone number in E.164 form: \(why); write + then the country "
          + "code and the number, 8 to 15 digits, like +5511912345678")
    }
    guard !written.isEmpty else { throw .invalidArgument("the phone number is empty") }
    guard compact.first == "+" else {
      throw refuse(compact.hasPrefix("00") ? "use + instead of 00" : "it must start with +")
    }
    let digits = compact.dropFirst()
    guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      throw refuse("only digits may follow the +")
    }
    guard (8...15).contains(digits.count) else { throw refuse("it has \(digits.count) digits") }
    guard digits.first != "0" else { throw refuse("country codes never start with 0") }
    rawValue = compact
  }

  /// The number.
  public var description: String { rawValue }
}

/// An email address that passes a reasonable syntax check: an ASCII local part, an `@`, and a
/// domain of at least two labels ending with a top-level domain of letters.
///
/// It does not try to accept everything RFC 5322 allows (quoted local parts, IP literals,
/// comments): those are not typed into a chat. The domain is lowercased; the local part is kept
/// as written.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
  /// The address, trimmed, with its domain lowercased.
  public let rawValue: String

  private static let localSymbols = Set("!#$%&'*+/=?^_`{|}~.-")

  /// Validates `text`, trimming surrounding whitespace.
  ///
  /// - Throws: ``DomainError/Kind/invalidArgument`` saying which part is wrong.
  public init(_ text: String) throws(DomainError) {
    let address = text.trimmed
    let shown = address.quoted
    func refuse(_ why: String) -> DomainError {
      .invalidArgument("\(shown) is not an email address: \(why)")
    }
    guard !address.isEmpty else { throw .invalidArgument("the email address is empty") }
    guard address.utf8.count <= 254 else { throw refuse("it is longer than 254 characters") }
    let parts = address.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2 else {
      throw refuse(
        parts.count == 1
          ? "it needs an @ between the name and the domain, like ana@example.com"
          : "it has more than one @")
    }
    let local = parts[0]
    let domain = parts[1].lowercased()
    guard !local.isEmpty else { throw refuse("there is nothing before the @") }
    guard local.utf8.count <= 64 else {
      throw refuse("the part before the @ is over 64 characters")
    }
    guard
      local.allSatisfy({
        $0.isASCII && ($0.isLetter || $0.isNumber || Self.localSymbols.contains($0))
      })
    else {
      throw refuse("the part before the @ may hold only letters, digits and . _ % + - and similar")
    }
    guard local.first != ".", local.last != ".", !local.contains("..") else {
      throw refuse("the part before the @ may not start or end with a dot or hold two in a row")
    }
    guard !domain.isEmpty else { throw refuse("there is no domain after the @, like example.com") }
    let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2 else {
      throw refuse("the domain \(domain.quoted) needs a dot and an ending, like example.com")
    }
    for label in labels {
      guard !label.isEmpty, label.count <= 63 else {
        throw refuse("the domain \(domain.quoted) has an empty or overlong part between dots")
      }
      guard label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }),
        label.first != "-", label.last != "-"
      else {
        throw refuse(
          "the domain \(domain.quoted) may hold only letters, digits and inner hyphens between dots"
        )
      }
    }
    guard let ending = labels.last, ending.count >= 2, ending.allSatisfy(\.isLetter) else {
      throw refuse("the domain \(domain.quoted) must end with letters, like .com or .com.br")
    }
    rawValue = "\(local)@\(domain)"
  }

  /// The address.
  public var description: String { rawValue }
}

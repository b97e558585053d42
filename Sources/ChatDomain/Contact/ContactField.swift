/// Something known about a contact that templates can show and the bot can collect: a profile
/// field or an attribute, both named by a key (`{{email}}`, `{{favourite_colour}}`).
public enum ContactField: Hashable, Sendable, CustomStringConvertible {
  /// `name`, `phone` or `email`.
  case profile(ProfileField)
  /// Any other key.
  case attribute(AttributeKey)

  /// The field a key names: a profile field for `name`, `phone` and `email`, an attribute for
  /// any other valid key.
  ///
  /// - Throws: ``DomainError/Kind/invalidArgument`` when the key is not lowercase snake_case.
  public init(key: String) throws(DomainError) {
    if let field = ProfileField(rawValue: key) {
      self = .profile(field)
    } else {
      self = .attribute(try AttributeKey(key))
    }
  }

  /// The key: `email`, `favourite_colour`.
  public var key: String {
    switch self {
    case .profile(let field): field.rawValue
    case .attribute(let key): key.rawValue
    }
  }

  /// The key.
  public var description: String { key }

  /// The value `text` stands for in this field, validated as the field needs.
  ///
  /// - Throws: ``DomainError/Kind/invalidArgument`` from the field's type.
  func validated(_ text: String) throws(DomainError) -> String {
    switch self {
    case .profile(.name): try DisplayName(text).rawValue
    case .profile(.phone): try PhoneNumber(text).rawValue
    case .profile(.email): try EmailAddress(text).rawValue
    case .attribute: try AttributeValue(text).rawValue
    }
  }
}

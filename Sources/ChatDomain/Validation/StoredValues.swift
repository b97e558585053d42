// Values read back from storage were validated when they were written: restoring them through
// the checking initializers again cost more than the rest of loading a contact, on every
// message. These initializers trust the text; use them only for what this service stored.

extension WhatsAppUserID {
  /// Restores an id that passed ``init(_:)`` when it was stored.
  public init(stored text: String) { rawValue = text }
}

extension DisplayName {
  /// Restores a name that passed ``init(_:)`` when it was stored.
  public init(stored text: String) { rawValue = text }
}

extension PhoneNumber {
  /// Restores a number that passed ``init(_:)`` when it was stored.
  public init(stored text: String) { rawValue = text }
}

extension EmailAddress {
  /// Restores an address that passed ``init(_:)`` when it was stored.
  public init(stored text: String) { rawValue = text }
}

extension AttributeKey {
  /// Restores a key that passed ``init(_:)`` when it was stored.
  public init(stored text: String) { rawValue = text }
}

extension AttributeValue {
  /// Restores a value that passed ``init(_:)`` when it was stored.
  public init(stored text: String) { rawValue = text }
}

extension TagName {
  /// Restores a name that passed ``init(_:)`` when it was stored.
  public init(stored text: String) { rawValue = text }
}

/// A field of a contact's profile, shown beside the chat.
public enum ProfileField: String, Hashable, Sendable, CaseIterable {
  /// The contact's name (``DisplayName``), at first their WhatsApp profile name.
  case name
  /// The contact's phone number (``PhoneNumber``); optional, since WhatsApp identifies users by
  /// their WhatsApp user id.
  case phone
  /// The contact's email address (``EmailAddress``).
  case email
}

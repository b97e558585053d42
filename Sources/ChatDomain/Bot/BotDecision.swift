/// What the bot decided for one message of the user.
public struct BotDecision: Hashable, Sendable {
  /// The messages to send, in order.
  public var replies: [String]
  /// Fields of the contact to set, validated already, in order.
  public var updates: [FieldUpdate]
  /// Whether to request an agent, and on whose behalf: ``InterventionRequester/user`` for a
  /// handoff phrase, ``InterventionRequester/bot`` when the bot gives up.
  public var intervention: InterventionRequester?
  /// The state to keep for the next message.
  public var state: BotState
  /// The intent that matched, if any, for logs and tests.
  public var matchedIntent: String?

  /// Creates a decision.
  public init(
    replies: [String],
    updates: [FieldUpdate] = [],
    intervention: InterventionRequester? = nil,
    state: BotState,
    matchedIntent: String? = nil
  ) {
    self.replies = replies
    self.updates = updates
    self.intervention = intervention
    self.state = state
    self.matchedIntent = matchedIntent
  }
}

/// A value for a field of a contact.
public struct FieldUpdate: Hashable, Sendable {
  /// The field.
  public var field: ContactField
  /// The value, valid for the field.
  public var value: String

  /// Creates an update.
  public init(field: ContactField, value: String) {
    self.field = field
    self.value = value
  }
}

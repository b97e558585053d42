/// One entry of a contact's customer journey: what happened, when, and who caused it.
///
/// Rules return the events a change produces; the service records them in the same write
/// transaction as the change, attached to the contact (and chat) it applied the rule to.
public struct JourneyEvent: Hashable, Sendable, CustomStringConvertible {
  /// When it happened: the `now` the rule was given.
  public var at: Timestamp
  /// Who caused it.
  public var actor: JourneyActor
  /// What happened.
  public var kind: Kind

  /// Creates an event.
  public init(at: Timestamp, actor: JourneyActor, kind: Kind) {
    self.at = at
    self.actor = actor
    self.kind = kind
  }

  /// What happened, with what a journey view needs to show it.
  ///
  /// A change of section always produces ``sectionChanged(from:to:)`` (the machine-readable
  /// record metrics rebuild timelines from), followed by the event that says why, if there is
  /// one: ``interventionRequested(by:)``, ``intervened(agent:)``,
  /// ``resolved(by:forced:)`` or ``movedToHistory``.
  public enum Kind: Hashable, Sendable {
    /// The contact wrote for the first time; the chat exists from now on, in Active.
    case chatStarted
    /// The chat moved from one section to another.
    case sectionChanged(from: Section, to: Section)
    /// Someone asked for a human.
    case interventionRequested(by: InterventionRequester)
    /// An agent took the chat.
    case intervened(agent: AgentID)
    /// The chat passed from one agent to another.
    case transferred(from: AgentID, to: AgentID)
    /// The chat went back to the bot; `forced` when an admin resolved a chat another agent
    /// held.
    case resolved(by: AgentID, forced: Bool)
    /// 24 hours (or the configured time) passed without a message with the user.
    case movedToHistory
    /// A tag was put on the contact.
    case tagAdded(TagName, kind: TagKind)
    /// A tag was taken off the contact.
    case tagRemoved(TagName, kind: TagKind)
    /// An attribute was set (`old` is `nil`), changed, or removed (`new` is `nil`).
    case attributeSet(key: AttributeKey, old: String?, new: String?)
    /// Fields of the contact's profile changed.
    case profileChanged([ProfileChange])
    /// A campaign reached the contact.
    case campaignSent(campaign: String)
    /// A template message was sent to the contact.
    case templateSent(template: String)
    /// A requested chat waited longer than the time-to-intervene target.
    case interventionTargetBreached(waited: Duration, target: Duration)
  }

  /// `2025-03-01T09:30:00.000Z agent a1: intervened(agent: a1)`, for logs and tests.
  public var description: String { "\(at) \(actor): \(kind)" }
}

/// Who asked for a human.
public enum InterventionRequester: String, Hashable, Sendable, CaseIterable {
  /// The user, with a handoff phrase.
  case user
  /// The bot, after too many messages it could not answer.
  case bot
  /// A caller of the API (an agent, an admin, or a service).
  case api

  /// The requester a change made by `actor` records.
  init(_ actor: JourneyActor) {
    switch actor {
    case .contact: self = .user
    case .bot: self = .bot
    case .agent, .apiKey, .system: self = .api
    }
  }
}

/// One changed field of a contact's profile.
public struct ProfileChange: Hashable, Sendable {
  /// Which field.
  public var field: ProfileField
  /// The value before, `nil` when it was unset.
  public var old: String?
  /// The value after, `nil` when it was cleared.
  public var new: String?

  /// Creates a change.
  public init(field: ProfileField, old: String?, new: String?) {
    self.field = field
    self.old = old
    self.new = new
  }
}

/// How a tag came to be on a contact, which decides who may add and remove it.
///
/// | kind | added by | removed by |
/// |---|---|---|
/// | ``firstMessage`` | the system, when the contact first writes | agents |
/// | ``api`` | API keys with the `tags` scope | API keys with the `tags` scope |
/// | ``broadcast`` | the system, when a campaign reaches the contact | agents |
/// | ``manual`` | agents | agents |
public enum TagKind: String, Hashable, Sendable, CaseIterable {
  /// Given when the contact first writes.
  case firstMessage
  /// Set by another service through the API.
  case api
  /// Set when a campaign is sent to the contact.
  case broadcast
  /// Set by an agent, from the catalog or created on the spot.
  case manual

  /// Whether `actor` may put a tag of this kind on a contact.
  func canBeAdded(by actor: JourneyActor) -> Bool {
    switch (self, actor) {
    case (.manual, .agent), (.api, .apiKey), (.firstMessage, .system), (.broadcast, .system): true
    default: false
    }
  }

  /// Whether `actor` may take a tag of this kind off a contact.
  func canBeRemoved(by actor: JourneyActor) -> Bool {
    switch (self, actor) {
    case (.api, .apiKey), (.manual, .agent), (.firstMessage, .agent), (.broadcast, .agent): true
    default: false
    }
  }

  /// Who may add tags of this kind, for error messages.
  var adders: String {
    switch self {
    case .manual: "agents"
    case .api: "API keys with the 'tags' scope"
    case .firstMessage: "the system when a contact first writes"
    case .broadcast: "the system when a campaign is sent"
    }
  }
}

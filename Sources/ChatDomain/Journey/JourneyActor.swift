/// Who caused a journey event.
public enum JourneyActor: Hashable, Sendable, CustomStringConvertible {
  /// A person of the workspace (agent or admin).
  case agent(AgentID)
  /// The workspace's chatbot.
  case bot
  /// A service calling with an API key.
  case apiKey(APIKeyID)
  /// Switchboard itself: timers (History, breaches), campaigns, automated tags.
  case system
  /// The WhatsApp user, by writing: starting the chat, coming back from History, asking for a
  /// human with a handoff phrase.
  case contact

  /// `agent a1`, `the bot`, `API key k1`, `the system`, `the contact`.
  public var description: String {
    switch self {
    case .agent(let id): "agent \(id)"
    case .bot: "the bot"
    case .apiKey(let id): "API key \(id)"
    case .system: "the system"
    case .contact: "the contact"
    }
  }
}

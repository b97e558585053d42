/// One thing that happened in a chat, as metrics read its timeline: a journey event the rules
/// returned, or a message.
public enum ChatActivity: Hashable, Sendable {
  /// A journey event of the chat, as recorded.
  case journey(JourneyEvent)
  /// A message with the user, by its author, at the time it was recorded.
  case message(at: Timestamp, author: MessageAuthor)

  /// When it happened.
  public var at: Timestamp {
    switch self {
    case .journey(let event): event.at
    case .message(let at, _): at
    }
  }
}

/// Who wrote a message of a chat.
public enum MessageAuthor: Hashable, Sendable {
  /// The WhatsApp user.
  case contact
  /// The bot.
  case bot
  /// An agent: free-form text or a template.
  case agent(AgentID)
  /// The system: campaign messages.
  case system
}

/// The section a chat is in, with what only that section has.
public enum ChatState: Hashable, Sendable {
  /// The bot handles the chat.
  case active
  /// Waiting for an agent since `since`; `breachRecorded` once the time-to-intervene target
  /// breach has been recorded for this request, so it is recorded once.
  case requested(since: Timestamp, breachRecorded: Bool)
  /// `owner` took the chat at `since`.
  case accepted(by: Agent, since: Timestamp)
  /// No message with the user for the configured time.
  case history

  /// The section.
  public var section: Section {
    switch self {
    case .active: .active
    case .requested: .requested
    case .accepted: .accepted
    case .history: .history
    }
  }

  /// The agent who holds the chat, when it is accepted.
  public var owner: Agent? {
    if case .accepted(let owner, _) = self { owner } else { nil }
  }
}

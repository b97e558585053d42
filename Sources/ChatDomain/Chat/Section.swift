/// The part of the desk a chat is in; a chat is in exactly one.
public enum Section: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
  /// The bot handles the chat; every agent sees it.
  case active
  /// Waiting for an agent; the bot still runs; every agent sees it (and their top bar).
  case requested
  /// One agent talks to the user; the bot is off; only that agent works it.
  case accepted
  /// No message with the user for 24 hours; read-only until the user writes again.
  case history

  /// Whether the bot answers the user in this section: in Active and Requested only.
  public var botRuns: Bool { self == .active || self == .requested }

  /// `Active`, `Requested`, `Accepted`, `History`, as people read it.
  public var description: String {
    switch self {
    case .active: "Active"
    case .requested: "Requested"
    case .accepted: "Accepted"
    case .history: "History"
    }
  }
}

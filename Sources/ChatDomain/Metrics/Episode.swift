/// One stretch of a chat that metrics measure: from the user writing (or an agent being asked
/// for) until the chat is resolved or moves to History. A chat resolved and later reopened has
/// one episode per stretch.
///
/// Only agent time counts as agent time: waiting in Requested is measured by
/// ``timeToIntervene``, the agent's work from the intervention on, and bot messages are never an
/// agent's response.
public struct Episode: Hashable, Sendable {
  /// How an episode ended.
  public enum Outcome: String, Hashable, Sendable, CaseIterable {
    /// Not over yet.
    case open
    /// Over without anyone asking for a human: the bot handled it.
    case botOnly
    /// An agent intervened.
    case human
    /// Someone asked for a human, but the chat moved to History before any agent intervened.
    case unanswered
  }

  /// When it started: the user's message, or the request for an agent.
  public var startedAt: Timestamp
  /// When it ended (resolved, or moved to History); `nil` while open.
  public var endedAt: Timestamp?
  /// When an agent was first asked for.
  public var requestedAt: Timestamp?
  /// When an agent first took the chat.
  public var intervenedAt: Timestamp?
  /// The agent who first took the chat; the episode counts for them.
  public var agent: AgentID?
  /// When an agent first wrote to the user after the intervention.
  public var firstAgentResponseAt: Timestamp?
  /// When the chat was resolved, ending the episode.
  public var resolvedAt: Timestamp?
  /// Who resolved it.
  public var resolvedBy: AgentID?
  /// Whether an admin resolved it with force.
  public var forced: Bool

  /// Creates an episode; ``episodes(from:)`` builds them from a chat's timeline.
  public init(
    startedAt: Timestamp,
    endedAt: Timestamp? = nil,
    requestedAt: Timestamp? = nil,
    intervenedAt: Timestamp? = nil,
    agent: AgentID? = nil,
    firstAgentResponseAt: Timestamp? = nil,
    resolvedAt: Timestamp? = nil,
    resolvedBy: AgentID? = nil,
    forced: Bool = false
  ) {
    self.startedAt = startedAt
    self.endedAt = endedAt
    self.requestedAt = requestedAt
    self.intervenedAt = intervenedAt
    self.agent = agent
    self.firstAgentResponseAt = firstAgentResponseAt
    self.resolvedAt = resolvedAt
    self.resolvedBy = resolvedBy
    self.forced = forced
  }

  /// How the episode ended.
  public var outcome: Outcome {
    if endedAt == nil { return .open }
    if intervenedAt != nil { return .human }
    return requestedAt == nil ? .botOnly : .unanswered
  }

  /// From the request for an agent to the intervention (Requested → Accepted); `nil` when
  /// nobody asked first or no agent came.
  public var timeToIntervene: Duration? {
    guard let requestedAt, let intervenedAt else { return nil }
    return intervenedAt - requestedAt
  }

  /// From the intervention to the first message an agent wrote.
  public var firstResponseTime: Duration? {
    guard let intervenedAt, let firstAgentResponseAt else { return nil }
    return firstAgentResponseAt - intervenedAt
  }

  /// From the intervention to the resolution: the agent's time on the episode.
  public var timeToResolve: Duration? {
    guard let intervenedAt, let resolvedAt else { return nil }
    return resolvedAt - intervenedAt
  }

  /// How long the user waited for an agent: until the intervention, or until the episode ended
  /// or `now` if no agent came; `nil` when nobody asked.
  public func waitForAgent(now: Timestamp) -> Duration? {
    guard let requestedAt else { return nil }
    return (intervenedAt ?? endedAt ?? now) - requestedAt
  }

  /// Whether the wait for an agent reached `target`, as ``Chat/checkInterventionTarget(at:policy:)``
  /// judges a waiting chat.
  public func breached(target: Duration, now: Timestamp) -> Bool {
    waitForAgent(now: now).map { $0 >= target } ?? false
  }
}

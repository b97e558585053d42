/// The metrics of a workspace, or of one agent, over a time range.
public struct MetricsSummary: Hashable, Sendable {
  /// How many episodes started in the range (for one agent: that they first intervened in).
  public var episodes: Int
  /// How many of them ended each way.
  public var outcomes: [Episode.Outcome: Int]
  /// The share of ended episodes the bot handled without a human, from 0 to 1; `nil` when none
  /// ended.
  public var botHandledShare: Double?
  /// Requested → Accepted.
  public var timeToIntervene: DurationSummary
  /// Intervention → first agent message.
  public var firstResponse: DurationSummary
  /// Intervention → resolution.
  public var timeToResolve: DurationSummary
  /// How many episodes waited for an agent as long as the target or longer.
  public var breaches: Int

  /// Summarises the episodes that started in `range`, of every chat of the workspace, or only
  /// those `agent` first intervened in.
  ///
  /// - Parameters:
  ///   - episodes: episodes of any number of chats (``Episode/episodes(from:)`` for each).
  ///   - range: episodes starting in it count.
  ///   - agent: one agent, or `nil` for the whole workspace.
  ///   - interventionTarget: the time-to-intervene target that marks breaches.
  ///   - now: the end of waits still going on.
  public init(
    episodes: some Sequence<Episode>,
    in range: Range<Timestamp>,
    agent: AgentID? = nil,
    interventionTarget: Duration,
    now: Timestamp
  ) {
    let counted = episodes.filter {
      range.contains($0.startedAt) && (agent == nil || $0.agent == agent)
    }
    self.episodes = counted.count
    var outcomes = Dictionary(uniqueKeysWithValues: Episode.Outcome.allCases.map { ($0, 0) })
    for episode in counted { outcomes[episode.outcome, default: 0] += 1 }
    self.outcomes = outcomes
    let ended = counted.count - outcomes[.open, default: 0]
    botHandledShare = ended == 0 ? nil : Double(outcomes[.botOnly, default: 0]) / Double(ended)
    timeToIntervene = DurationSummary(counted.compactMap(\.timeToIntervene))
    firstResponse = DurationSummary(counted.compactMap(\.firstResponseTime))
    timeToResolve = DurationSummary(counted.compactMap(\.timeToResolve))
    breaches = counted.count { $0.breached(target: interventionTarget, now: now) }
  }

  /// How many of `chats` are in each section (every section present, zero included). For one
  /// agent, pass the chats they see (``Chat/isListed(for:)``).
  public static func sectionCounts(of chats: some Sequence<Chat>) -> [Section: Int] {
    var counts = Dictionary(uniqueKeysWithValues: Section.allCases.map { ($0, 0) })
    for chat in chats { counts[chat.section, default: 0] += 1 }
    return counts
  }
}

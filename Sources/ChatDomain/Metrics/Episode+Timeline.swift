extension Episode {
  /// The episodes of one chat, from its journey events and messages in any order (sorted here
  /// by time; at equal times the given order is kept).
  ///
  /// An episode opens with a message from the user, or with a request for an agent or an
  /// intervention, when none is open; it closes when the chat is resolved or moves to History.
  /// Activity between episodes (bot and campaign messages after a resolution) is ignored.
  public static func episodes(from activities: [ChatActivity]) -> [Episode] {
    let ordered = activities.enumerated()
      .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
      .map(\.element)
    var episodes: [Episode] = []
    var current: Episode?
    for activity in ordered {
      let at = activity.at
      switch activity {
      case .message(_, .contact):
        if current == nil { current = Episode(startedAt: at) }
      case .message(_, .agent):
        if var episode = current, episode.intervenedAt != nil, episode.firstAgentResponseAt == nil {
          episode.firstAgentResponseAt = at
          current = episode
        }
      case .message(_, .bot), .message(_, .system):
        continue
      case .journey(let event):
        switch event.kind {
        case .sectionChanged(_, to: .requested):
          var episode = current ?? Episode(startedAt: at)
          if episode.requestedAt == nil { episode.requestedAt = at }
          current = episode
        case .intervened(let agent):
          var episode = current ?? Episode(startedAt: at)
          if episode.intervenedAt == nil {
            episode.intervenedAt = at
            episode.agent = agent
          }
          current = episode
        case .resolved(let agent, let forced):
          guard var episode = current else { continue }
          episode.resolvedAt = at
          episode.resolvedBy = agent
          episode.forced = forced
          episode.endedAt = at
          episodes.append(episode)
          current = nil
        case .sectionChanged(_, to: .history):
          guard var episode = current else { continue }
          episode.endedAt = at
          episodes.append(episode)
          current = nil
        default:
          continue
        }
      }
    }
    if let current { episodes.append(current) }
    return episodes
  }
}

import ChatDomain
import SwitchboardChatClient

/// Between the stored chat row, the domain's `Chat` the rules run on, and the API's `Chat`.
extension ChatRecord {
  /// The domain chat this row holds; `ownerName` is the accepting agent's name.
  func domainChat(ownerName: String) throws -> ChatDomain.Chat {
    let state: ChatState
    switch section {
    case .requested: state = .requested(since: Timestamp(millisecondsSinceEpoch: requestedAt), breachRecorded: breached)
    case .accepted:
      state = .accepted(
        by: ChatDomain.Agent(id: AgentID(rawValue: (ownerAgentID ?? 0).idString), name: ownerName),
        since: Timestamp(millisecondsSinceEpoch: acceptedAt))
    case .history: state = .history
    default: state = .active
    }
    let stored = try botState.map { try StoredBotState(serializedBytes: $0) } ?? StoredBotState()
    return ChatDomain.Chat(
      state: state, version: version,
      lastInboundAt: Timestamp(millisecondsSinceEpoch: lastInboundAt),
      lastMessageAt: Timestamp(millisecondsSinceEpoch: lastMessageAt),
      lastInterventionVersion: lastInterventionVersion,
      botState: BotState(
        consecutiveUnmatched: Int(stored.consecutiveUnmatched),
        collecting: stored.collecting
          ? BotState.Collecting(intent: stored.collectingIntent, step: Int(stored.collectingStep)) : nil))
  }

  /// This row with the domain chat's state written into it.
  mutating func apply(_ chat: ChatDomain.Chat) {
    version = chat.version
    lastInboundAt = chat.lastInboundAt.millisecondsSinceEpoch
    lastMessageAt = chat.lastMessageAt.millisecondsSinceEpoch
    lastInterventionVersion = chat.lastInterventionVersion
    ownerAgentID = nil
    switch chat.state {
    case .active:
      section = .active
    case .requested(let since, let breachRecorded):
      section = .requested
      requestedAt = since.millisecondsSinceEpoch
      breached = breachRecorded
    case .accepted(let agent, let since):
      section = .accepted
      ownerAgentID = Int64(agent.id.rawValue)
      acceptedAt = since.millisecondsSinceEpoch
    case .history:
      section = .history
    }
    if section != .requested {
      requestedAt = 0
      breached = false
    }
    let state = chat.botState
    let stored = StoredBotState(
      consecutiveUnmatched: Int32(clamping: state.consecutiveUnmatched), collecting: state.collecting != nil,
      collectingIntent: state.collecting?.intent ?? "", collectingStep: Int32(clamping: state.collecting?.step ?? 0))
    botState = stored == StoredBotState() ? nil : stored.serializedBytes()
  }
}

extension ChatDomain.Section {
  /// The API's section.
  var api: SwitchboardChatClient.Section {
    switch self {
    case .active: .active
    case .requested: .requested
    case .accepted: .accepted
    case .history: .history
    }
  }
}

extension Caller {
  /// The caller as the domain's rules see it. An admin API key acts with every scope.
  var principal: Principal {
    switch identity {
    case .agent(let id, let name, let isAdmin):
      return .member(ChatDomain.Agent(id: AgentID(rawValue: id.idString), name: name), role: isAdmin ? .admin : .agent)
    case .apiKey(let id, _, let scopes):
      var granted: Set<APIScope> = []
      if scopes.contains(.admin) { granted = Set(APIScope.allCases) }
      if scopes.contains(.ingest) { granted.insert(.ingest) }
      if scopes.contains(.delivery) { granted.formUnion([.outbox, .statuses]) }
      if scopes.contains(.tags) { granted.insert(.tags) }
      return .apiKey(APIKeyID(rawValue: id.idString), scopes: granted)
    }
  }

  /// The caller as the journey records it.
  var journeyActor: JourneyActor { principal.actor }
}

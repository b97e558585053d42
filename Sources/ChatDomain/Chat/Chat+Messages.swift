extension Chat {
  /// A message to the user, by who sends it.
  public enum Outbound: Hashable, Sendable {
    /// A bot reply decided when the chat was at version `decidedAt` (the ``BotTurn/decidedAt``
    /// of the turn that produced it).
    case bot(decidedAt: Int64)
    /// Free-form text by an agent.
    case agent(Principal)
    /// An approved WhatsApp template message, by name.
    case template(String, by: Principal)
    /// A campaign's message; its journey event comes from ``Contact/recordCampaign(_:tag:at:)``.
    case campaign
  }

  /// Whether a bot reply decided at version `decidedAt` may still be sent: the bot runs in the
  /// chat's section (Active or Requested) and no agent has taken the chat since.
  ///
  /// One speaker at a time: a reply decided before an agent intervened is never sent after it,
  /// even when the agent has since resolved the chat. Check it when the reply leaves the outbox.
  public func canBotSpeak(decidedAt version: Int64) -> Bool {
    section.botRuns && lastInterventionVersion <= version && version <= self.version
  }

  /// When the customer-service window closes: the configured time (24 h) after the user's last
  /// message. Free-form agent messages are accepted strictly before it.
  public func serviceWindowCloses(policy: ChatPolicy = .default) -> Timestamp {
    lastInboundAt + policy.serviceWindow
  }

  /// Checks that free-form text may reach the user now, inside the customer-service window.
  ///
  /// - Throws: ``DomainError/Kind/failedPrecondition`` saying since when the window is closed
  ///   and that only a template message may be sent.
  public func checkServiceWindow(
    at now: Timestamp,
    policy: ChatPolicy = .default
  ) throws(DomainError) {
    let closes = serviceWindowCloses(policy: policy)
    guard now < closes else {
      throw .failedPrecondition(
        "the \(policy.serviceWindow.spoken) customer-service window closed at \(closes) (the "
          + "user last wrote at \(lastInboundAt)): WhatsApp accepts only template messages "
          + "until the user writes again")
    }
  }

  /// Records a message to the user, after checking that its sender may send it now.
  ///
  /// - Bot replies need ``canBotSpeak(decidedAt:)``.
  /// - Free-form agent text needs the chat accepted by that agent (in Active or Requested the
  ///   bot speaks: intervene first) and the customer-service window open.
  /// - Templates may be sent by agents in any section, except to a chat another agent holds;
  ///   they do not bring a chat back from History (only the user's reply does).
  /// - Campaign messages are always recorded.
  ///
  /// Every message restarts the countdown to History, so call ``expire(at:policy:)`` first for
  /// a chat that may be overdue (a late template must not keep it out of History).
  ///
  /// - Returns: ``JourneyEvent/Kind/templateSent(template:)`` for a template, otherwise nothing
  ///   (messages are not journey events).
  /// - Throws: ``DomainError/Kind/failedPrecondition`` or ``DomainError/Kind/permissionDenied``
  ///   saying why the sender may not send now; ``DomainError/Kind/invalidArgument`` for a blank
  ///   template name.
  public mutating func send(
    _ message: Outbound,
    at now: Timestamp,
    policy: ChatPolicy = .default
  ) throws(DomainError) -> [JourneyEvent] {
    var events: [JourneyEvent] = []
    switch message {
    case .bot(let decidedAt):
      guard canBotSpeak(decidedAt: decidedAt) else {
        throw .failedPrecondition(
          "the bot's reply, decided at version \(decidedAt), is dropped: the chat is \(whereItIs)"
            + (section.botRuns ? ", and an agent took it since" : ""))
      }
    case .agent(let principal):
      try checkAgentMayWrite(principal)
      try checkServiceWindow(at: now, policy: policy)
    case .template(let name, let principal):
      guard !name.trimmed.isEmpty else {
        throw .invalidArgument("the template name is empty: name an approved WhatsApp template")
      }
      guard let agent = principal.agent else {
        throw .permissionDenied("\(principal) may not send templates: only agents and admins do")
      }
      if let owner, owner.id != agent.id {
        throw .permissionDenied(
          "\(owner) holds this chat: only \(owner.name) writes to the user until it is resolved "
            + "or transferred")
      }
      events.append(
        JourneyEvent(at: now, actor: principal.actor, kind: .templateSent(template: name)))
    case .campaign:
      break
    }
    recordOutbound(at: now)
    return events
  }

  /// Checks that `principal` may write free-form text in this chat's current state.
  private func checkAgentMayWrite(_ principal: Principal) throws(DomainError) {
    guard let agent = principal.agent else {
      throw .permissionDenied("\(principal) may not write to users: only agents and admins do")
    }
    switch state {
    case .accepted(let owner, _) where owner.id == agent.id:
      return
    case .accepted(let owner, _):
      throw .permissionDenied(
        "\(owner) holds this chat: only \(owner.name) writes to the user until it is resolved or "
          + "transferred")
    case .active, .requested:
      throw .failedPrecondition(
        "the chat is \(whereItIs); intervene first, so that only one of you speaks to the user")
    case .history:
      throw .failedPrecondition(
        "the chat is \(whereItIs); only a template message can reach the user until they write")
    }
  }
}

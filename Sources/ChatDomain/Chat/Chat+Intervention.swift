extension Chat {
  /// Asks for a human: Active → Requested.
  ///
  /// `actor` says who asked: ``JourneyActor/contact`` for the user's handoff phrase,
  /// ``JourneyActor/bot`` when the bot gives up, an agent or API key for an API call (recorded
  /// as ``InterventionRequester/api``). Asking again while Requested changes nothing.
  ///
  /// - Returns: ``JourneyEvent/Kind/sectionChanged(from:to:)`` then
  ///   ``JourneyEvent/Kind/interventionRequested(by:)``, or nothing when already requested.
  /// - Throws: ``DomainError/Kind/failedPrecondition`` when an agent holds the chat or it is in
  ///   History.
  public mutating func requestIntervention(
    by actor: JourneyActor,
    at now: Timestamp
  ) throws(DomainError) -> [JourneyEvent] {
    switch state {
    case .active:
      let moved = move(to: .requested(since: now, breachRecorded: false), by: actor, at: now)
      let requested = JourneyEvent(
        at: now, actor: actor, kind: .interventionRequested(by: InterventionRequester(actor)))
      return [moved, requested]
    case .requested:
      return []
    case .accepted(let owner, _):
      throw .failedPrecondition(
        "\(owner) already holds this chat: no need to request an agent")
    case .history:
      throw .failedPrecondition(
        "the chat is \(whereItIs); it comes back to Active when the user writes, and only then "
          + "can an agent be requested")
    }
  }

  /// An agent (or admin) takes the chat: Active or Requested → Accepted, owned by them. The bot
  /// stops, and bot replies decided before now are never sent.
  ///
  /// When several agents intervene at once, the service applies the calls one after another in
  /// write transactions: the first wins, the others find the chat accepted and get the error
  /// naming the holder. Intervening again in a chat one holds changes nothing.
  ///
  /// - Returns: ``JourneyEvent/Kind/sectionChanged(from:to:)`` then
  ///   ``JourneyEvent/Kind/intervened(agent:)``, or nothing when `principal` holds the chat.
  /// - Throws: ``DomainError/Kind/permissionDenied`` for an API key;
  ///   ``DomainError/Kind/failedPrecondition`` when another agent holds the chat ("agent Ada holds
  ///   this chat") or it is in History.
  public mutating func intervene(
    by principal: Principal,
    at now: Timestamp
  ) throws(DomainError) -> [JourneyEvent] {
    guard let agent = principal.agent else {
      throw .permissionDenied("\(principal) may not intervene: only agents and admins take chats")
    }
    switch state {
    case .active, .requested:
      let moved = move(to: .accepted(by: agent, since: now), by: principal.actor, at: now)
      lastInterventionVersion = version
      return [
        moved, JourneyEvent(at: now, actor: principal.actor, kind: .intervened(agent: agent.id)),
      ]
    case .accepted(let owner, _) where owner.id == agent.id:
      return []
    case .accepted(let owner, _):
      throw .failedPrecondition(
        "\(owner) holds this chat: ask \(owner.name) or an admin to transfer it to you")
    case .history:
      throw .failedPrecondition(
        "the chat is \(whereItIs); send a template message to reach the user, and intervene "
          + "once they write again")
    }
  }

  /// Gives an accepted chat back to the bot: Accepted → Active, visible to every agent again.
  ///
  /// The owner resolves. An admin may resolve a chat another agent holds by passing `force`,
  /// and the journey records it as forced.
  ///
  /// - Returns: ``JourneyEvent/Kind/sectionChanged(from:to:)`` then
  ///   ``JourneyEvent/Kind/resolved(by:forced:)``.
  /// - Throws: ``DomainError/Kind/failedPrecondition`` when the chat is not accepted, or when an
  ///   admin resolves another's chat without `force`; ``DomainError/Kind/permissionDenied`` when
  ///   an agent resolves another's chat, or for an API key.
  public mutating func resolve(
    by principal: Principal,
    force: Bool = false,
    at now: Timestamp
  ) throws(DomainError) -> [JourneyEvent] {
    guard let agent = principal.agent else {
      throw .permissionDenied("\(principal) may not resolve chats: only agents and admins do")
    }
    guard case .accepted(let owner, _) = state else {
      throw .failedPrecondition(
        "the chat is \(whereItIs); only a chat an agent holds (in Accepted) can be resolved")
    }
    let forced = owner.id != agent.id
    if forced {
      guard principal.isAdmin else {
        throw .permissionDenied(
          "\(owner) holds this chat: only \(owner.name), or an admin with force, can resolve it")
      }
      guard force else {
        throw .failedPrecondition(
          "\(owner) holds this chat: resolve it with force to take it from them (the journey "
            + "records that you did)")
      }
    }
    let moved = move(to: .active, by: principal.actor, at: now)
    return [
      moved,
      JourneyEvent(at: now, actor: principal.actor, kind: .resolved(by: agent.id, forced: forced)),
    ]
  }

  /// Hands an accepted chat to another agent, by its owner or an admin. The section stays
  /// Accepted; the new owner holds it from now on.
  ///
  /// The service checks that `target` is an agent of the workspace (``DomainError/Kind/notFound``
  /// otherwise) before calling this.
  ///
  /// - Returns: ``JourneyEvent/Kind/transferred(from:to:)``.
  /// - Throws: ``DomainError/Kind/failedPrecondition`` when the chat is not accepted or `target`
  ///   already holds it; ``DomainError/Kind/permissionDenied`` when an agent other than the
  ///   owner transfers it, or for an API key.
  public mutating func transfer(
    to target: Agent,
    by principal: Principal,
    at now: Timestamp
  ) throws(DomainError) -> [JourneyEvent] {
    guard let agent = principal.agent else {
      throw .permissionDenied("\(principal) may not transfer chats: only agents and admins do")
    }
    guard case .accepted(let owner, _) = state else {
      throw .failedPrecondition(
        "the chat is \(whereItIs); only a chat an agent holds (in Accepted) can be transferred; "
          + "\(target) can intervene instead")
    }
    guard owner.id == agent.id || principal.isAdmin else {
      throw .permissionDenied(
        "\(owner) holds this chat: only \(owner.name) or an admin can transfer it")
    }
    guard owner.id != target.id else {
      throw .failedPrecondition("\(owner) already holds this chat: pick another agent")
    }
    state = .accepted(by: target, since: now)
    version += 1
    lastInterventionVersion = version
    return [
      JourneyEvent(
        at: now, actor: principal.actor, kind: .transferred(from: owner.id, to: target.id))
    ]
  }
}

extension Chat {
  /// When the chat moves to History if nothing happens before: the configured time after the
  /// last message with the user; `nil` when it is in History already.
  public func historyDue(policy: ChatPolicy = .default) -> Timestamp? {
    section == .history ? nil : lastMessageAt + policy.historyAfter
  }

  /// Moves the chat to History once the configured time (24 h by default) has passed since the
  /// last message with the user, exactly then or any time later; an accepted chat loses its
  /// owner. Call it from a sweep over chats whose ``historyDue(policy:)`` has come, and before
  /// any rule that acts on a chat that may be overdue.
  ///
  /// - Returns: ``JourneyEvent/Kind/sectionChanged(from:to:)`` then
  ///   ``JourneyEvent/Kind/movedToHistory``, caused by the system; nothing when not yet due.
  public mutating func expire(
    at now: Timestamp,
    policy: ChatPolicy = .default
  ) -> [JourneyEvent] {
    guard let due = historyDue(policy: policy), now >= due else { return [] }
    let moved = move(to: .history, by: .system, at: now)
    return [moved, JourneyEvent(at: now, actor: .system, kind: .movedToHistory)]
  }

  /// When a requested chat breaches the time-to-intervene target if no agent takes it; `nil`
  /// when the chat is not waiting or its breach is already recorded.
  public func interventionDue(policy: ChatPolicy = .default) -> Timestamp? {
    guard case .requested(let since, breachRecorded: false) = state else { return nil }
    return since + policy.interventionTarget
  }

  /// Records a breach of the time-to-intervene target, once per request: a chat still waiting
  /// in Requested when the target has elapsed (exactly then or later) is breached.
  ///
  /// - Returns: ``JourneyEvent/Kind/interventionTargetBreached(waited:target:)``, caused by the
  ///   system; nothing when the chat is not waiting, not yet due, or already recorded.
  public mutating func checkInterventionTarget(
    at now: Timestamp,
    policy: ChatPolicy = .default
  ) -> [JourneyEvent] {
    guard let due = interventionDue(policy: policy), now >= due,
      case .requested(let since, _) = state
    else { return [] }
    state = .requested(since: since, breachRecorded: true)
    version += 1
    return [
      JourneyEvent(
        at: now, actor: .system,
        kind: .interventionTargetBreached(waited: now - since, target: policy.interventionTarget))
    ]
  }
}

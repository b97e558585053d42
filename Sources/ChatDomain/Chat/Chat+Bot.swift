/// What a bot turn produced for the service to carry out.
public struct BotTurn: Hashable, Sendable {
  /// The replies to queue for the user, in order; send each with
  /// ``Chat/Outbound/bot(decidedAt:)`` using ``decidedAt``.
  public var replies: [String]
  /// The chat's version when the replies were decided, to gate them with
  /// ``Chat/canBotSpeak(decidedAt:)``.
  public var decidedAt: Int64
  /// The journey events of the turn: fields the bot stored, and the request for an agent.
  public var events: [JourneyEvent]
  /// The intent that matched, if any.
  public var matchedIntent: String?

  /// Creates a turn.
  public init(replies: [String], decidedAt: Int64, events: [JourneyEvent], matchedIntent: String?) {
    self.replies = replies
    self.decidedAt = decidedAt
    self.events = events
    self.matchedIntent = matchedIntent
  }
}

extension Chat {
  /// Lets the bot answer the user's message, when it runs in this section (Active or
  /// Requested): keeps its new state, stores what it collected in `contact`, and requests an
  /// agent when it decided to.
  ///
  /// Call it after ``receiveInbound(at:)`` (or ``Contact/firstMessage(from:name:phone:at:tag:)``)
  /// in the same transaction. In Accepted and History it does nothing.
  ///
  /// - Returns: the replies and their version, and the journey events:
  ///   ``JourneyEvent/Kind/attributeSet(key:old:new:)`` or
  ///   ``JourneyEvent/Kind/profileChanged(_:)`` by the bot, then, when it hands over from
  ///   Active, ``JourneyEvent/Kind/sectionChanged(from:to:)`` and
  ///   ``JourneyEvent/Kind/interventionRequested(by:)`` (by the contact for a handoff phrase,
  ///   by the bot when it gives up).
  public mutating func runBot(
    on text: String,
    contact: inout Contact,
    configuration: BotConfiguration,
    at now: Timestamp
  ) -> BotTurn {
    runBot(on: text, contact: &contact, bot: CompiledBot(configuration), at: now)
  }

  /// ``runBot(on:contact:configuration:at:)`` with a configuration compiled beforehand, as a
  /// service answering many messages keeps it.
  public mutating func runBot(
    on text: String,
    contact: inout Contact,
    bot: CompiledBot,
    at now: Timestamp
  ) -> BotTurn {
    guard section.botRuns else {
      return BotTurn(replies: [], decidedAt: version, events: [], matchedIntent: nil)
    }
    let decision = Bot.respond(to: text, state: botState, bot: bot, contact: contact)
    var events: [JourneyEvent] = []
    for update in decision.updates {
      // The bot validated the value for its field already, so setting it cannot fail.
      events += (try? contact.set(update.field, to: update.value, by: .bot, at: now)) ?? []
    }
    updateBotState(decision.state)
    if let requester = decision.intervention {
      // Active → Requested; already Requested changes nothing; the bot never runs elsewhere.
      events += (try? requestIntervention(by: requester == .user ? .contact : .bot, at: now)) ?? []
    }
    return BotTurn(
      replies: decision.replies, decidedAt: version, events: events,
      matchedIntent: decision.matchedIntent)
  }
}

/// The conversation between a workspace and one contact, as the rules see it: its section, who
/// holds it, when the user last wrote, and a version that every change bumps.
///
/// Chats are state machines as plain values. The service loads one inside a write transaction,
/// calls a rule, saves the chat (the bumped ``version`` lets it detect a concurrent writer) and
/// records the journey events the rule returned. A rule that refuses throws
/// ``DomainError`` and leaves the chat as it was. Section transitions:
///
/// | rule | from | to |
/// |---|---|---|
/// | ``receiveInbound(at:)`` | History | Active (others stay) |
/// | ``requestIntervention(by:at:)`` | Active | Requested |
/// | ``intervene(by:at:)`` | Active, Requested | Accepted |
/// | ``resolve(by:force:at:)`` | Accepted | Active |
/// | ``transfer(to:by:at:)`` | Accepted | Accepted (another owner) |
/// | ``expire(at:policy:)`` | Active, Requested, Accepted | History |
public struct Chat: Hashable, Sendable {
  /// The section and what belongs to it (who holds the chat, since when it waits).
  public internal(set) var state: ChatState
  /// Bumped by every change; starts at 1.
  public internal(set) var version: Int64
  /// When the user last wrote: opens the customer-service window.
  public internal(set) var lastInboundAt: Timestamp
  /// When the last message with the user was, either way: starts the countdown to History.
  public internal(set) var lastMessageAt: Timestamp
  /// The ``version`` an agent last took the chat at (0 if never): bot replies decided before it
  /// are never sent (see ``canBotSpeak(decidedAt:)``).
  public internal(set) var lastInterventionVersion: Int64
  /// Where the bot is in its conversation with the user; reset whenever the bot stops.
  public internal(set) var botState: BotState

  /// Restores a chat from storage.
  public init(
    state: ChatState,
    version: Int64,
    lastInboundAt: Timestamp,
    lastMessageAt: Timestamp,
    lastInterventionVersion: Int64 = 0,
    botState: BotState = BotState()
  ) {
    self.state = state
    self.version = version
    self.lastInboundAt = lastInboundAt
    self.lastMessageAt = lastMessageAt
    self.lastInterventionVersion = lastInterventionVersion
    self.botState = botState
  }

  /// The section the chat is in.
  public var section: Section { state.section }

  /// The agent who holds the chat, when it is accepted.
  public var owner: Agent? { state.owner }

  /// A chat started by the user's first message: Active, at version 1.
  ///
  /// - Returns: the chat and ``JourneyEvent/Kind/chatStarted``, caused by the contact.
  public static func start(at now: Timestamp) -> (chat: Chat, events: [JourneyEvent]) {
    let chat = Chat(state: .active, version: 1, lastInboundAt: now, lastMessageAt: now)
    return (chat, [JourneyEvent(at: now, actor: .contact, kind: .chatStarted)])
  }

  /// A message from the user arrived (the service has checked it is not a duplicate).
  ///
  /// A chat in History comes back to Active; Active, Requested and Accepted stay as they are (a
  /// user writing while waiting for an agent keeps waiting; a user writing to their agent stays
  /// with the agent). Either way the customer-service window reopens and the countdown to History
  /// restarts. Run the bot afterwards with ``runBot(on:contact:configuration:at:)``.
  ///
  /// This rule does not look at the clock for History: a chat whose ``historyDue(policy:)`` has
  /// passed stays where it is until ``expire(at:policy:)`` moves it. Call that first, with the
  /// workspace's policy, in the same transaction, so a user writing days after an agent's last
  /// message comes back to Active instead of to that agent.
  ///
  /// - Returns: ``JourneyEvent/Kind/sectionChanged(from:to:)`` (History → Active) when the chat
  ///   comes back, otherwise nothing.
  public mutating func receiveInbound(at now: Timestamp) -> [JourneyEvent] {
    lastInboundAt = max(lastInboundAt, now)
    lastMessageAt = max(lastMessageAt, now)
    version += 1
    guard section == .history else { return [] }
    state = .active
    return [
      JourneyEvent(at: now, actor: .contact, kind: .sectionChanged(from: .history, to: .active))
    ]
  }

  /// Moves to `new`, bumping the version, and returns the section change event.
  mutating func move(
    to new: ChatState,
    by actor: JourneyActor,
    at now: Timestamp
  ) -> JourneyEvent {
    let old = section
    state = new
    version += 1
    if !new.section.botRuns || old.botRuns != new.section.botRuns { botState = BotState() }
    return JourneyEvent(at: now, actor: actor, kind: .sectionChanged(from: old, to: new.section))
  }

  /// Records a message with the user sent now.
  mutating func recordOutbound(at now: Timestamp) {
    lastMessageAt = max(lastMessageAt, now)
    version += 1
  }

  /// Replaces the bot's state, bumping the version when it changes.
  mutating func updateBotState(_ new: BotState) {
    guard new != botState else { return }
    botState = new
    version += 1
  }

  /// "in History" and the like, for error messages.
  var whereItIs: String {
    switch state {
    case .history: "in History: there has been no message with the user for a long while"
    case .active: "in Active: the bot is handling it"
    case .requested: "in Requested: it is waiting for an agent"
    case .accepted(let owner, _): "in Accepted: \(owner) holds it"
    }
  }
}

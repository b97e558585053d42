import ChatDomain
import SwitchboardChatClient

/// A returning user's contact and chat as stored: what their next message is decided from.
///
/// Read from the database (on a reader), or remembered from the user's last message
/// (``InboundStateCache``); either way the writer checks the contact's and the chat's versions
/// before it stores a decision made from it. Immutable and shared: a class, so the cache, the
/// plan and the write pass one reference rather than copying a dozen strings and arrays.
final class InboundState: Sendable {
  let contactRecord: ContactRecord
  let record: ChatRecord
  /// The contact as stored.
  let contact: ChatDomain.Contact
  /// The chat as stored, before any timer ran on it.
  let chat: ChatDomain.Chat
  /// The contact's tag names, oldest first, for the response.
  let tagNames: [String]

  init(
    contactRecord: ContactRecord, record: ChatRecord, contact: ChatDomain.Contact, chat: ChatDomain.Chat,
    tagNames: [String]
  ) {
    self.contactRecord = contactRecord
    self.record = record
    self.contact = contact
    self.chat = chat
    self.tagNames = tagNames
  }
}

/// What a message will do: the rules' and the bot's decision, made before anything is written.
/// For a returning user it is made off the writer (which runs every commit alone and so bounds
/// the desk's ingest rate), and the writer only checks it and stores it. Immutable and handed
/// from the handler to the writer: a class, so passing it on copies a reference rather than
/// the contact, the chat and their strings.
final class InboundPlan: Sendable {
  /// What the decision was made from.
  let state: InboundState
  /// The contact after the message (first-message tag, what the bot collected).
  let contact: ChatDomain.Contact
  /// The chat after the message and the bot's turn.
  let chat: ChatDomain.Chat
  let events: [ChatDomain.JourneyEvent]
  let replies: [String]
  /// The chat was overdue for History and is closed by this message first.
  let expired: Bool
  /// The message brings the chat back from History: a new episode.
  let wasHistory: Bool
  let sectionBefore: ChatDomain.Section

  init(
    state: InboundState, contact: ChatDomain.Contact, chat: ChatDomain.Chat, events: [ChatDomain.JourneyEvent],
    replies: [String], expired: Bool, wasHistory: Bool, sectionBefore: ChatDomain.Section
  ) {
    self.state = state
    self.contact = contact
    self.chat = chat
    self.events = events
    self.replies = replies
    self.expired = expired
    self.wasHistory = wasHistory
    self.sectionBefore = sectionBefore
  }
}

/// Decides messages from a workspace's rules and bot: pure, so it runs wherever the state is.
struct InboundPlanner {
  let now: Int64
  let rules: WorkspaceRules.Entry

  var timestamp: Timestamp { Timestamp(millisecondsSinceEpoch: now) }

  /// What a returning user's message `text` does to the chat in `state`.
  func plan(_ text: String, from state: InboundState) -> InboundPlan {
    // A chat overdue for History goes there first (the sweep may not have run yet), so the
    // user's message brings it back to Active rather than to an agent's old chat.
    var chat = state.chat
    var events = chat.expire(at: timestamp, policy: rules.policy)
    let expired = !events.isEmpty
    let wasHistory = chat.section == .history
    events += chat.receiveInbound(at: timestamp)
    return decide(text, state: state, contact: state.contact, chat: chat, events: events, expired: expired, wasHistory: wasHistory)
  }

  /// The bot's turn on a chat that has received the message, and the plan it makes.
  func decide(
    _ text: String, state: InboundState, contact: ChatDomain.Contact, chat: ChatDomain.Chat,
    events: [ChatDomain.JourneyEvent], expired: Bool, wasHistory: Bool
  ) -> InboundPlan {
    var contact = contact
    var chat = chat
    let sectionBefore = chat.section
    let turn = chat.runBot(on: text, contact: &contact, bot: rules.bot, at: timestamp)
    for _ in turn.replies { _ = try? chat.send(.bot(decidedAt: turn.decidedAt), at: timestamp) }
    return InboundPlan(
      state: state, contact: contact, chat: chat, events: events + turn.events, replies: turn.replies,
      expired: expired, wasHistory: wasHistory, sectionBefore: sectionBefore)
  }
}

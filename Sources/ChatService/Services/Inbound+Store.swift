import ChatDomain
import SwitchboardChatClient
import SwitchboardSQLite

/// What the writer did with an inbound message.
enum InboundWrite: Sendable {
  /// Stored now; the answer is built from it after the commit.
  case stored(StoredInbound)
  /// Seen before (a retried delivery): what the first delivery produced, read back.
  case repeated(ReceiveInboundResponse)
}

/// What storing an inbound message left, in values the writer held anyway: turned into the
/// caller's answer and the state to remember after the commit, on the caller's thread, so the
/// writer (which runs every commit alone) builds no API values and copies no strings for it.
struct StoredInbound: Sendable {
  let plan: InboundPlan
  /// The chat as written, the replies included.
  let record: ChatRecord
  /// The contact as written (a phone number or last-seen time it gained included).
  let contactRecord: ContactRecord
  let messageID: Int64
  /// The bot's replies' ids, in the order of `plan.replies`.
  let replyIDs: [Int64]
  /// The write changed the contact: its profile, attributes or tags.
  let contactChanged: Bool
  let newContact: Bool
}

/// The caller's answer to an inbound message, and the state to decide the user's next message
/// from, when it is worth remembering.
struct InboundOutcome: Sendable {
  var response: ReceiveInboundResponse
  /// The contact and chat as the write left them; nil when the write changed the contact
  /// (its tags, attributes or profile: their new state is easier read again than rebuilt) or
  /// left the chat with an agent (the bot does not answer there).
  var next: InboundState?
}

extension InboundWrite {
  /// The answer for the message `text` with WhatsApp id `waMessageID`, received at `now`.
  func outcome(text: String, waMessageID: String, now: Int64) -> InboundOutcome {
    switch self {
    case .repeated(let response): return InboundOutcome(response: response, next: nil)
    case .stored(let stored): return stored.outcome(text: text, waMessageID: waMessageID, now: now)
    }
  }
}

extension StoredInbound {
  /// The API's chat, message and replies for what was stored, and the state to remember
  /// unless the contact changed or an agent holds the chat.
  func outcome(text: String, waMessageID: String, now: Int64) -> InboundOutcome {
    let state = plan.state
    var tagNames = state.tagNames
    for name in plan.contact.tags.keys where state.contact.tags[name] == nil { tagNames.append(name.rawValue) }
    let message = ChatMessage.written(
      id: messageID, chatID: record.id, direction: .inbound, sender: Inbound.sender(contactRecord), text: text,
      waMessageID: waMessageID, status: .unspecified, at: now)
    let replies = zip(replyIDs, plan.replies).map { id, reply in
      ChatMessage.written(id: id, chatID: record.id, direction: .outbound, sender: .bot, text: reply, status: .pending, at: now)
    }
    let chat = record.apiChat(
      contactName: plan.contact.name?.rawValue ?? contactRecord.name, waUserID: contactRecord.waUserID,
      ownerName: plan.chat.owner?.name ?? "", tags: tagNames)
    let response = ReceiveInboundResponse(
      chat: chat, message: message, created: true, botReplies: replies, newContact: newContact)
    let next =
      contactChanged || plan.chat.section == .accepted
      ? nil
      : InboundState(contactRecord: contactRecord, record: record, contact: plan.contact, chat: plan.chat, tagNames: tagNames)
    return InboundOutcome(response: response, next: next)
  }
}

extension Inbound {
  /// Stores a plan made off the writer if the contact and chat are still as it saw them and
  /// the message is still new; nil, having written nothing, when not (the caller then takes
  /// the whole path).
  func apply(
    _ plan: InboundPlan, inboundID: InboundID, phone: String?, text: String, changes: inout Desk.Changes
  ) throws -> StoredInbound? {
    do {
      return try store(plan, inboundID: inboundID, phone: phone, text: text, newContact: false, changes: &changes)
    } catch is InboundIDTaken {
      // The same WhatsApp message was stored since the plan was made (a concurrent retry).
      // Its id is checked before `store` writes anything, so nothing of this attempt remains.
      return nil
    }
  }

  /// Writes a plan: the message, the chat, the contact's changes, the bot's replies in the
  /// outbox, the journey and the watch log. Nil, having written nothing, when the contact or
  /// the chat moved on since the state the plan was made from.
  func store(
    _ plan: InboundPlan, inboundID: InboundID, phone: String?, text: String, newContact: Bool,
    changes: inout Desk.Changes
  ) throws -> StoredInbound? {
    let state = plan.state
    var record = state.record
    var contactRecord = state.contactRecord
    // The message first: its WhatsApp id is what a concurrent retry collides on, and nothing
    // else of this attempt may be written before that is known.
    let messageID = try inboundIDs.claim(inboundID, workspaceID: workspaceID, on: db) {
      try db.insertMessageRow(
        workspaceID: workspaceID, chatID: record.id, direction: .inbound, sender: Self.sender(contactRecord), text: text,
        waMessageID: inboundID.text, status: .unspecified, now: now)
    }
    // Then the chat, checking in the same statement that the plan still holds: that neither
    // the chat nor its contact moved on since the state it was made from.
    record.preview = ChatRecord.preview(of: plan.replies.last ?? text)
    record.messageCount += 1
    record.apply(plan.chat)
    guard try db.updateChat(record, ifStillAt: state.record.version, contactStillAt: contactRecord.version) else {
      try db.deleteInboundMessageRow(messageID, workspaceID: workspaceID, inboundID: inboundID, in: inboundIDs)
      return nil
    }
    if plan.expired {
      try db.episodeResolved(chatID: record.id, at: now, startNext: false)
      try db.withdrawPendingBotReplies(chatID: record.id, workspaceID: workspaceID, because: .history, changes: &changes)
    }
    var contactChanged = plan.contact != state.contact
    if let phone, contactRecord.phone.isEmpty {
      contactRecord.phone = phone
      try db.updateContactProfile(contactRecord)
      contactChanged = true
    }
    if contactRecord.lastSeenAt <= now - SQLiteConnection.lastSeenPrecision {
      try db.contactSeen(contactRecord.id, at: now)
      contactRecord.lastSeenAt = now
    }
    if plan.wasHistory { try db.episodeStarted(workspaceID: workspaceID, chatID: record.id, at: now) }
    try db.saveContactChanges(contactRecord, from: state.contact, to: plan.contact)
    try saveNewTags(contactRecord, from: state.contact, to: plan.contact)
    var replyIDs: [Int64] = []
    for reply in plan.replies {
      replyIDs.append(try db.queueOutboundRow(&record, text: reply, sender: .bot, now: now, changes: &changes))
    }
    try db.recordJourney(plan.events, workspaceID: workspaceID, contactID: record.contactID, chatID: record.id)
    changes.events.append(
      try db.appendEvent(workspaceID: workspaceID, chatID: record.id, messageID: messageID, kind: .chatUpdated))
    if plan.sectionBefore != .requested, plan.chat.section == .requested {
      try db.episodeRequested(chatID: record.id, at: now)
    }
    return StoredInbound(
      plan: plan, record: record, contactRecord: contactRecord, messageID: messageID, replyIDs: replyIDs,
      contactChanged: contactChanged, newContact: newContact)
  }
}

extension Inbound {
  /// Who a contact's messages are from.
  static func sender(_ contact: ContactRecord) -> Actor {
    Actor(kind: .contact, id: contact.id.idString, name: contact.name)
  }
}

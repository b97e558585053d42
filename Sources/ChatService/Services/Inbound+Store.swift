import ChatDomain
import SwitchboardChatClient
import SwitchboardSQLite

/// What storing an inbound message gives back: the caller's answer, and the state to decide
/// the user's next message from, when it is worth remembering.
struct InboundOutcome: Sendable {
  var response: ReceiveInboundResponse
  /// The contact and chat as this write left them; nil when the write changed the contact
  /// (its tags, attributes or profile: their new state is easier read again than rebuilt) or
  /// left the chat with an agent (the bot does not answer there).
  var next: InboundState?
}

extension Inbound {
  /// Stores a plan made off the writer if the contact and chat are still as it saw them and
  /// the message is still new; nil, having written nothing, when not (the caller then takes
  /// the whole path).
  func apply(
    _ plan: InboundPlan, waMessageID: String, phone: String?, text: String, changes: inout Desk.Changes
  ) throws -> InboundOutcome? {
    do {
      return try store(plan, waMessageID: waMessageID, phone: phone, text: text, newContact: false, changes: &changes)
    } catch let error as SQLiteError where error.isUniqueConstraintViolation {
      // The same WhatsApp message was stored since the plan was made (a concurrent retry).
      // The message is the first row `store` writes, so nothing of this attempt remains.
      return nil
    }
  }

  /// Writes a plan: the message, the chat, the contact's changes, the bot's replies in the
  /// outbox, the journey and the watch log. Nil, having written nothing, when the contact or
  /// the chat moved on since the state the plan was made from.
  func store(
    _ plan: InboundPlan, waMessageID: String, phone: String?, text: String, newContact: Bool,
    changes: inout Desk.Changes
  ) throws -> InboundOutcome? {
    let state = plan.state
    var record = state.record
    var contactRecord = state.contactRecord
    // The message first: its unique WhatsApp id is what a concurrent retry collides on, and
    // nothing else of this attempt may be written before that is known.
    let message = try db.insertMessage(
      workspaceID: workspaceID, chatID: record.id, direction: .inbound,
      sender: Actor(kind: .contact, id: contactRecord.id.idString, name: contactRecord.name), text: text,
      waMessageID: waMessageID, status: .unspecified, now: now)
    let messageID = Int64(message.id)!
    // Then the chat, checking in the same statement that the plan still holds: that neither
    // the chat nor its contact moved on since the state it was made from.
    record.preview = ChatRecord.preview(of: plan.replies.last ?? text)
    record.messageCount += 1
    record.apply(plan.chat)
    guard try db.updateChat(record, ifStillAt: state.record.version, contactStillAt: contactRecord.version) else {
      try db.execute("DELETE FROM messages WHERE id = ?", [messageID])
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
    var replies: [ChatMessage] = []
    for reply in plan.replies {
      replies.append(
        try db.queueOutbound(&record, text: reply, sender: Actor(kind: .bot, name: "the bot"), now: now, changes: &changes))
    }
    try db.recordJourney(plan.events, workspaceID: workspaceID, contactID: record.contactID, chatID: record.id)
    changes.events.append(
      try db.appendEvent(workspaceID: workspaceID, chatID: record.id, messageID: messageID, kind: .chatUpdated))
    if plan.sectionBefore != .requested, plan.chat.section == .requested {
      try db.episodeRequested(chatID: record.id, at: now)
    }
    var tagNames = state.tagNames
    for name in plan.contact.tags.keys where state.contact.tags[name] == nil { tagNames.append(name.rawValue) }
    let chatView = db.apiChat(
      record, contactName: plan.contact.name?.rawValue ?? contactRecord.name, waUserID: contactRecord.waUserID,
      ownerName: plan.chat.owner?.name ?? "", tags: tagNames)
    let response = ReceiveInboundResponse(
      chat: chatView, message: message, created: true, botReplies: replies, newContact: newContact)
    let next =
      contactChanged || plan.chat.section == .accepted
      ? nil
      : InboundState(contactRecord: contactRecord, record: record, contact: plan.contact, chat: plan.chat, tagNames: tagNames)
    return InboundOutcome(response: response, next: next)
  }
}

import ChatDomain
import SwitchboardChatClient
import SwitchboardSQLite

/// What a message will do: the rules' and the bot's decision, made before anything is written.
/// For a returning user it is made on a reader, on the other core, and the writer (which runs
/// every commit alone and so bounds the desk's ingest rate) only checks it and stores it.
struct InboundPlan: Sendable {
  /// The contact and chat rows as read.
  var contactRecord: ContactRecord
  var record: ChatRecord
  /// The contact as stored, and after the message (first-message tag, what the bot collected).
  var stored: ChatDomain.Contact
  var contact: ChatDomain.Contact
  /// The chat after the message and the bot's turn.
  var chat: ChatDomain.Chat
  var events: [ChatDomain.JourneyEvent]
  var replies: [String]
  /// The chat was overdue for History and is closed by this message first.
  var expired: Bool
  /// The message brings the chat back from History: a new episode.
  var wasHistory: Bool
  var sectionBefore: ChatDomain.Section
  /// The contact's tag names, oldest first, for the response.
  var tagNames: [String]
}

extension Inbound {
  /// Decides what a returning user's message does, reading only. Nil when the message needs
  /// the writer's whole path: a new contact or chat. (A WhatsApp id seen before is caught
  /// when the message is stored, by its unique index.)
  func plan(waUserID: String, text: String) throws -> InboundPlan? {
    guard let contactRecord = try db.contact(waUserID: waUserID, workspaceID: workspaceID),
      let record = try db.chat(contactID: contactRecord.id)
    else { return nil }
    let (stored, tagNames) = try db.domainContactAndTagNames(contactRecord)
    // A chat overdue for History goes there first (the sweep may not have run yet), so the
    // user's message brings it back to Active rather than to an agent's old chat.
    var (chat, events) = try db.dueChat(record, now: now, policy: rules.policy)
    let expired = !events.isEmpty
    let wasHistory = chat.section == .history
    events += chat.receiveInbound(at: timestamp)
    return decide(
      text, contactRecord: contactRecord, record: record, stored: stored, tagNames: tagNames, contact: stored,
      chat: chat, events: events, expired: expired, wasHistory: wasHistory)
  }

  /// The bot's turn on a chat that has received the message, and the plan it makes.
  func decide(
    _ text: String, contactRecord: ContactRecord, record: ChatRecord, stored: ChatDomain.Contact,
    tagNames: [String], contact: ChatDomain.Contact, chat: ChatDomain.Chat, events: [ChatDomain.JourneyEvent], expired: Bool,
    wasHistory: Bool
  ) -> InboundPlan {
    var contact = contact
    var chat = chat
    let sectionBefore = chat.section
    let turn = chat.runBot(on: text, contact: &contact, bot: rules.bot, at: timestamp)
    for _ in turn.replies { _ = try? chat.send(.bot(decidedAt: turn.decidedAt), at: timestamp) }
    return InboundPlan(
      contactRecord: contactRecord, record: record, stored: stored, contact: contact, chat: chat,
      events: events + turn.events, replies: turn.replies, expired: expired, wasHistory: wasHistory,
      sectionBefore: sectionBefore,
      tagNames: tagNames)
  }

  /// Stores a plan made on a reader if the chat is still as it read it and the message is
  /// still new; nil, having written nothing, when not (the caller then takes the whole path).
  func apply(
    _ plan: InboundPlan, waMessageID: String, phone: String?, text: String, changes: inout Desk.Changes
  ) throws -> ReceiveInboundResponse? {
    do {
      return try store(plan, waMessageID: waMessageID, phone: phone, text: text, newContact: false, changes: &changes)
    } catch let error as SQLiteError where error.isUniqueConstraintViolation {
      // The same WhatsApp message was stored since the plan was made (a concurrent retry).
      // The message is the first row `store` writes, so nothing of this attempt remains.
      return nil
    }
  }

  /// Writes a plan: the message, the chat (if it is still at the version the plan read; nil,
  /// having written nothing, when not), the contact's changes, the bot's replies in the
  /// outbox, the journey and the watch log.
  func store(
    _ plan: InboundPlan, waMessageID: String, phone: String?, text: String, newContact: Bool,
    changes: inout Desk.Changes
  ) throws -> ReceiveInboundResponse? {
    var record = plan.record
    var contactRecord = plan.contactRecord
    // The message first: its unique WhatsApp id is what a concurrent retry collides on, and
    // nothing else of this attempt may be written before that is known.
    let message = try db.insertMessage(
      workspaceID: workspaceID, chatID: record.id, direction: .inbound,
      sender: Actor(kind: .contact, id: contactRecord.id.idString, name: contactRecord.name), text: text,
      waMessageID: waMessageID, status: .unspecified, now: now)
    let messageID = Int64(message.id)!
    // Then the chat, checking in the same statement that the plan still holds.
    record.preview = String((plan.replies.last ?? text).prefix(120))
    record.messageCount += 1
    record.apply(plan.chat)
    guard try db.updateChat(record, ifStillAt: plan.record.version) else {
      try db.execute("DELETE FROM messages WHERE id = ?", [messageID])
      return nil
    }
    if plan.expired {
      try db.episodeResolved(chatID: record.id, at: now, startNext: false)
      try db.withdrawPendingBotReplies(chatID: record.id, workspaceID: workspaceID, because: .history, changes: &changes)
    }
    if let phone, contactRecord.phone.isEmpty {
      contactRecord.phone = phone
      try db.updateContactProfile(contactRecord)
    }
    if contactRecord.lastSeenAt <= now - SQLiteConnection.lastSeenPrecision {
      try db.contactSeen(contactRecord.id, at: now)
    }
    if plan.wasHistory { try db.episodeStarted(workspaceID: workspaceID, chatID: record.id, at: now) }
    try db.saveContactChanges(contactRecord, from: plan.stored, to: plan.contact)
    try saveNewTags(contactRecord, from: plan.stored, to: plan.contact)
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
    var tagNames = plan.tagNames
    for name in plan.contact.tags.keys where plan.stored.tags[name] == nil { tagNames.append(name.rawValue) }
    let chatView = db.apiChat(
      record, contactName: plan.contact.name?.rawValue ?? contactRecord.name, waUserID: contactRecord.waUserID,
      ownerName: plan.chat.owner?.name ?? "", tags: tagNames)
    return ReceiveInboundResponse(
      chat: chatView, message: message, created: true, botReplies: replies, newContact: newContact)
  }
}

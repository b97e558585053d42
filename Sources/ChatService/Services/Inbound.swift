import ChatDomain
import SwitchboardChatClient
import SwitchboardSQLite

/// One inbound WhatsApp message, inside the writer's transaction: idempotency by WhatsApp's
/// message id, the contact and chat created on a first message, History back to Active, and
/// the bot's turn, its replies queued in the same commit.
struct Inbound {
  let db: SQLiteConnection
  let workspaceID: Int64
  let now: Int64
  /// The workspace's rules, from the desk's cache: read before the write, not on the writer.
  let rules: WorkspaceRules.Entry

  var timestamp: Timestamp { Timestamp(millisecondsSinceEpoch: now) }

  func receive(
    waMessageID: String, waUserID: String, phone: String?, profileName: String?, text: String,
    changes: inout Desk.Changes
  ) throws -> ReceiveInboundResponse {
    if let earlier = try db.inboundMessage(waMessageID: waMessageID, workspaceID: workspaceID) {
      return try repeated(earlier)
    }
    var newContact = false
    var contactRecord: ContactRecord
    var record: ChatRecord
    var contact: ChatDomain.Contact
    // The contact as stored before this message: what is saved is the difference.
    let stored: ChatDomain.Contact
    var chat: ChatDomain.Chat
    var events: [ChatDomain.JourneyEvent]
    var wasHistory = false
    if let existing = try db.contact(waUserID: waUserID, workspaceID: workspaceID) {
      contactRecord = existing
      contact = try db.domainContact(existing)
      stored = contact
      if let existingChat = try db.chat(contactID: existing.id) {
        record = existingChat
        // A chat overdue for History goes there first (the sweep may not have run yet), so the
        // user's message brings it back to Active rather than to an agent's old chat.
        (chat, events) = try db.dueChat(existingChat, now: now, policy: rules.policy)
        if !events.isEmpty {
          try db.episodeResolved(chatID: existingChat.id, at: now, startNext: false)
          try db.withdrawPendingBotReplies(
            chatID: existingChat.id, workspaceID: workspaceID, because: .history, changes: &changes)
        }
        wasHistory = chat.section == .history
        events += chat.receiveInbound(at: timestamp)
      } else {
        record = try db.insertChat(workspaceID: workspaceID, contactID: existing.id, now: now, preview: text)
        (chat, events) = ChatDomain.Chat.start(at: timestamp)
        events += contact.markFirstMessage(at: timestamp)
        try db.episodeStarted(workspaceID: workspaceID, chatID: record.id, at: now)
      }
      if let phone, existing.phone.isEmpty {
        contactRecord.phone = phone
        try db.updateContactProfile(contactRecord)
      }
    } else {
      newContact = true
      let first = ChatDomain.Contact.firstMessage(
        from: try WhatsAppUserID(waUserID), name: profileName.flatMap { try? DisplayName($0) },
        phone: phone.flatMap { try? PhoneNumber($0) }, at: timestamp)
      contact = first.contact
      chat = first.chat
      events = first.events
      let contactID = try db.insertContact(
        workspaceID: workspaceID, waUserID: waUserID, name: profileName ?? "", phone: phone ?? "", now: now)
      contactRecord = try db.contact(contactID, workspaceID: workspaceID)!
      stored = try db.domainContact(contactRecord)
      record = try db.insertChat(workspaceID: workspaceID, contactID: contactID, now: now, preview: text)
      try db.episodeStarted(workspaceID: workspaceID, chatID: record.id, at: now)
    }
    let message = try db.insertMessage(
      workspaceID: workspaceID, chatID: record.id, direction: .inbound,
      sender: Actor(kind: .contact, id: contactRecord.id.idString, name: contactRecord.name), text: text,
      waMessageID: waMessageID, status: .unspecified, now: now)
    record.preview = String(text.prefix(120))
    try db.contactSeen(contactRecord.id, at: now)
    if wasHistory { try db.episodeStarted(workspaceID: workspaceID, chatID: record.id, at: now) }

    // The bot's turn, in the same commit: one speaker at a time holds by construction.
    let sectionBefore = chat.section
    let turn = chat.runBot(on: text, contact: &contact, configuration: rules.bot, at: timestamp)
    events += turn.events
    try db.saveContactChanges(contactRecord, from: stored, to: contact)
    try saveNewTags(contactRecord, from: stored, to: contact)
    var replies: [ChatMessage] = []
    for reply in turn.replies {
      _ = try chat.send(.bot(decidedAt: turn.decidedAt), at: timestamp)
      replies.append(try db.queueOutbound(&record, text: reply, sender: Actor(kind: .bot, name: "the bot"), now: now, changes: &changes))
    }
    try db.save(&record, chat, events: events, messageID: Int64(message.id), changes: &changes, now: now)
    if sectionBefore != .requested, chat.section == .requested { try db.episodeRequested(chatID: record.id, at: now) }
    let chatView = try db.apiChat(
      record, contactName: contact.name?.rawValue ?? contactRecord.name, waUserID: contactRecord.waUserID,
      ownerName: chat.owner?.name ?? "")
    return ReceiveInboundResponse(chat: chatView, message: message, created: true, botReplies: replies, newContact: newContact)
  }

  /// The answer to a retried delivery: what the first one produced, and nothing new.
  private func repeated(_ earlier: ChatMessage) throws -> ReceiveInboundResponse {
    let chatID = Int64(earlier.chatID)!
    let record = try db.chat(chatID, workspaceID: workspaceID)!
    let replies = try db.messages(chatID: chatID, after: Int64(earlier.id)!)
      .prefix { $0.direction == .outbound && $0.sender?.kind == .bot && $0.createdAtMs == earlier.createdAtMs }
    return ReceiveInboundResponse(
      chat: try db.apiChat(record), message: earlier, created: false, botReplies: Array(replies), newContact: false)
  }

  /// Tags the domain gave the contact (the first-message tag), created in the catalog if new.
  private func saveNewTags(_ record: ContactRecord, from old: ChatDomain.Contact, to new: ChatDomain.Contact) throws {
    for (name, kind) in new.tags where old.tags[name] == nil {
      let tag = try db.tag(named: name.rawValue, workspaceID: workspaceID)
        ?? db.insertTag(workspaceID: workspaceID, name: name.rawValue, now: now)
      _ = try db.addContactTag(
        contactID: record.id, tagID: Int64(tag.id)!, kind: kind.api, actor: Actor(kind: .system, name: "Switchboard"), now: now)
    }
  }
}

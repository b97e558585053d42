import ChatDomain
import SwitchboardChatClient
import SwitchboardSQLite

/// One inbound WhatsApp message: idempotency by WhatsApp's message id, the contact and chat
/// created on a first message, History back to Active, and the bot's turn, its replies queued
/// in the same commit as the message.
///
/// A message is decided (``InboundPlan``) and then stored. For a returning user the decision
/// is made off the writer, from the state remembered from their last message or read on a
/// reader, and the writer only checks that it still holds (``apply(_:inboundID:phone:text:changes:)``);
/// otherwise the writer does both (``receive(inboundID:waUserID:phone:profileName:text:changes:)``).
struct Inbound {
  let db: SQLiteConnection
  /// The writer's idempotency check (see ``InboundIDIndex``).
  let inboundIDs: InboundIDIndex
  let workspaceID: Int64
  let now: Int64
  /// The workspace's rules, from the desk's cache: read before the write, not on the writer.
  let rules: WorkspaceRules.Entry

  var timestamp: Timestamp { Timestamp(millisecondsSinceEpoch: now) }
  var planner: InboundPlanner { InboundPlanner(now: now, rules: rules) }

  /// A returning user's contact and chat; nil for a new contact or one without a chat.
  func state(waUserID: String) throws -> InboundState? {
    guard let contactRecord = try db.contact(waUserID: waUserID, workspaceID: workspaceID),
      let record = try db.chat(contactID: contactRecord.id)
    else { return nil }
    let (contact, tagNames) = try db.domainContactAndTagNames(contactRecord)
    return InboundState(
      contactRecord: contactRecord, record: record, contact: contact, chat: try db.domainChat(record), tagNames: tagNames)
  }

  /// Decides what a returning user's message does, reading only. Nil when the message needs
  /// the writer's whole path: a new contact or chat. (A WhatsApp id seen before is caught
  /// when the message is stored, by ``InboundIDIndex``.)
  func plan(waUserID: String, text: String) throws -> InboundPlan? {
    try state(waUserID: waUserID).map { planner.plan(text, from: $0) }
  }

  /// The whole path, on the writer: a message seen before gets what it produced the first
  /// time; a new contact or chat is created; then the message is decided and stored.
  func receive(
    inboundID: InboundID, waUserID: String, phone: String?, profileName: String?, text: String,
    changes: inout Desk.Changes
  ) throws -> InboundWrite {
    if let earlier = try db.inboundMessage(inboundID, workspaceID: workspaceID, in: inboundIDs) {
      return .repeated(try repeated(earlier))
    }
    if let plan = try plan(waUserID: waUserID, text: text) {
      return .stored(try storeOnWriter(plan, inboundID: inboundID, phone: phone, text: text, newContact: false, changes: &changes))
    }
    // A first message: of a new contact, or of a contact without a chat (imported for a
    // campaign). The message starts the chat, so it is not received again.
    var newContact = false
    var firstContact: ChatDomain.Contact?
    var chat: ChatDomain.Chat
    var events: [ChatDomain.JourneyEvent]
    let contactRecord: ContactRecord
    if let existing = try db.contact(waUserID: waUserID, workspaceID: workspaceID) {
      contactRecord = existing
      (chat, events) = ChatDomain.Chat.start(at: timestamp)
    } else {
      newContact = true
      let first = ChatDomain.Contact.firstMessage(
        from: try WhatsAppUserID(waUserID), name: profileName.flatMap { try? DisplayName($0) },
        phone: phone.flatMap { try? PhoneNumber($0) }, at: timestamp)
      let contactID = try db.insertContact(
        workspaceID: workspaceID, waUserID: waUserID, name: profileName ?? "", phone: phone ?? "", now: now)
      contactRecord = try db.contact(contactID, workspaceID: workspaceID)!
      (firstContact, chat, events) = first
    }
    let (stored, tagNames) = try db.domainContactAndTagNames(contactRecord)
    var contact = firstContact ?? stored
    events += contact.markFirstMessage(at: timestamp)
    let record = try db.insertChat(workspaceID: workspaceID, contactID: contactRecord.id, now: now, preview: text)
    try db.episodeStarted(workspaceID: workspaceID, chatID: record.id, at: now)
    let state = InboundState(contactRecord: contactRecord, record: record, contact: stored, chat: chat, tagNames: tagNames)
    let plan = planner.decide(text, state: state, contact: contact, chat: chat, events: events, expired: false, wasHistory: false)
    return .stored(try storeOnWriter(plan, inboundID: inboundID, phone: phone, text: text, newContact: newContact, changes: &changes))
  }

  /// Stores a plan made here on the writer, which no other write can have made stale.
  private func storeOnWriter(
    _ plan: InboundPlan, inboundID: InboundID, phone: String?, text: String, newContact: Bool,
    changes: inout Desk.Changes
  ) throws -> StoredInbound {
    guard let stored = try store(plan, inboundID: inboundID, phone: phone, text: text, newContact: newContact, changes: &changes)
    else { throw ServiceError.aborted("chat \(plan.state.record.id) changed while this call ran; try again") }
    return stored
  }

  /// The answer to a retried delivery: what the first one produced, and nothing new.
  private func repeated(_ earlier: ChatMessage) throws -> ReceiveInboundResponse {
    let chatID = Int64(earlier.chatID)!
    let record = try db.chat(chatID, workspaceID: workspaceID)!
    let replies = try db.messages(following: Int64(earlier.id)!) {
      $0.chatID == earlier.chatID && $0.direction == .outbound && $0.sender?.kind == .bot
        && $0.createdAtMs == earlier.createdAtMs
    }
    return ReceiveInboundResponse(
      chat: try db.apiChat(record), message: earlier, created: false, botReplies: replies, newContact: false)
  }

  /// Tags the domain gave the contact (the first-message tag), created in the catalog if new.
  func saveNewTags(_ record: ContactRecord, from old: ChatDomain.Contact, to new: ChatDomain.Contact) throws {
    for (name, kind) in new.tags where old.tags[name] == nil {
      let tag = try db.tag(named: name.rawValue, workspaceID: workspaceID)
        ?? db.insertTag(workspaceID: workspaceID, name: name.rawValue, now: now)
      _ = try db.addContactTag(
        contactID: record.id, tagID: Int64(tag.id)!, kind: kind.api, actor: Actor(kind: .system, name: "Switchboard"), now: now)
    }
  }
}

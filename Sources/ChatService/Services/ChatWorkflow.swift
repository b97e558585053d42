import ChatDomain
import SwitchboardChatClient
import SwitchboardSQLite

/// The steps every chat change shares, on the writer's connection: load, check, apply a rule,
/// save, and record the journey and the watch log, all in one commit.
extension SQLiteConnection {
  /// The workspace's rule periods as the domain's policy.
  func policy(_ workspaceID: Int64) throws -> ChatPolicy {
    ChatPolicy(try settings(workspaceID))
  }

  /// The domain chat of a row with its timers applied: a chat past its History time that the
  /// sweep has not reached yet is moved now, so no rule runs on a chat that should be closed.
  func dueChat(
    _ record: ChatRecord, now: Int64, policy known: ChatPolicy? = nil
  ) throws -> (ChatDomain.Chat, [ChatDomain.JourneyEvent]) {
    var chat = try domainChat(record)
    let events = chat.expire(at: Timestamp(millisecondsSinceEpoch: now), policy: try known ?? policy(record.workspaceID))
    return (chat, events)
  }

  /// A chat the caller may read, or `notFound`/`permissionDenied` saying why not.
  func readableChat(_ chatID: Int64, workspaceID: Int64, by caller: Caller) throws -> ChatRecord {
    guard let record = try chat(chatID, workspaceID: workspaceID) else {
      throw ServiceError.notFound("no chat has id \(chatID) in this workspace")
    }
    try domainChat(record).authorizeRead(by: caller.principal)
    return record
  }

  /// Applies `rule` to a chat and saves everything it changed; returns the chat as callers
  /// see it. A rule that changes nothing (intervening in a chat one holds) saves nothing and
  /// tells no watcher.
  func changeChat(
    _ chatID: Int64, workspaceID: Int64, by caller: Caller, now: Int64, changes: inout Desk.Changes,
    _ rule: (inout ChatDomain.Chat) throws -> [ChatDomain.JourneyEvent]
  ) throws -> SwitchboardChatClient.Chat {
    guard var record = try chat(chatID, workspaceID: workspaceID) else {
      throw ServiceError.notFound("no chat has id \(chatID) in this workspace")
    }
    var (chat, expired) = try dueChat(record, now: now)
    if !expired.isEmpty {
      try withdrawPendingBotReplies(chatID: chatID, workspaceID: workspaceID, because: .history, changes: &changes)
    }
    let loaded = chat
    let before = chat.section
    let events = try expired + rule(&chat)
    guard chat != loaded || !events.isEmpty else { return try apiChat(record) }
    try save(&record, chat, events: events, changes: &changes, now: now)
    if before != .requested, chat.section == .requested { try episodeRequested(chatID: chatID, at: now) }
    return try apiChat(record)
  }

  /// Why bot replies still in the outbox are withdrawn: the bot may no longer speak, and
  /// `Chat.canBotSpeak(decidedAt:)` would refuse them when they left; withdrawing them the
  /// moment that happens keeps the outbox a list of what may go out.
  enum Withdrawal {
    /// An agent took the chat: a reply the bot decided before is never sent, even after the
    /// agent resolves.
    case intervened
    /// The chat moved to History: WhatsApp accepts no free-form text until the user writes.
    case history

    var code: String {
      switch self {
      case .intervened: "superseded"
      case .history: "expired"
      }
    }

    var text: String {
      switch self {
      case .intervened: "not sent: an agent took the chat before the bot's reply went out"
      case .history: "not sent: the chat moved to History before the bot's reply went out"
      }
    }
  }

  /// Takes the bot's replies still waiting in a chat's outbox out of it, as withdrawn and
  /// saying why. Watchers of the chat see each status change.
  func withdrawPendingBotReplies(
    chatID: Int64, workspaceID: Int64, because reason: Withdrawal, changes: inout Desk.Changes
  ) throws {
    for var message in try pendingOutbound(chatID: chatID, workspaceID: workspaceID) where message.sender?.kind == .bot {
      message.status = .withdrawn
      message.failureCode = reason.code
      message.failureText = reason.text
      let messageID = Int64(message.id)!
      try updateDelivery(message, id: messageID)
      changes.events.append(try appendEvent(workspaceID: workspaceID, chatID: chatID, messageID: messageID, kind: .chatUpdated))
    }
  }

  /// Writes a changed domain chat into its row, its journey events, and a watch-log entry.
  func save(
    _ record: inout ChatRecord, _ chat: ChatDomain.Chat, events: [ChatDomain.JourneyEvent],
    messageID: Int64? = nil, changes: inout Desk.Changes, now: Int64
  ) throws {
    let loadedVersion = record.version
    record.apply(chat)
    try saveChat(record, loadedVersion: loadedVersion)
    try recordJourney(events, workspaceID: record.workspaceID, contactID: record.contactID, chatID: record.id)
    changes.events.append(
      try appendEvent(workspaceID: record.workspaceID, chatID: record.id, messageID: messageID, kind: .chatUpdated))
  }

  /// Sends a message to the chat's user (agent text or template): the domain decides whether
  /// it may go now; the message then waits in the outbox for the delivery connector.
  ///
  /// `text` makes the message's text from the chat (a template renders it for the contact).
  func sendOutbound(
    _ chatID: Int64, workspaceID: Int64, templateName: String, as outbound: ChatDomain.Chat.Outbound,
    sender: Actor, now: Int64, changes: inout Desk.Changes, text: (ChatRecord) throws -> String
  ) throws -> ChatMessage {
    guard var record = try chat(chatID, workspaceID: workspaceID) else {
      throw ServiceError.notFound("no chat has id \(chatID) in this workspace")
    }
    let policy = try policy(workspaceID)
    var (chat, expired) = try dueChat(record, now: now, policy: policy)
    if !expired.isEmpty {
      try withdrawPendingBotReplies(chatID: chatID, workspaceID: workspaceID, because: .history, changes: &changes)
    }
    let events = try expired + chat.send(outbound, at: Timestamp(millisecondsSinceEpoch: now), policy: policy)
    let message = try queueOutbound(
      &record, text: try text(record), templateName: templateName, sender: sender, now: now, changes: &changes)
    record.messageCount += 1
    try save(&record, chat, events: events, messageID: Int64(message.id), changes: &changes, now: now)
    if sender.kind == .agent { try episodeResponded(chatID: chatID, at: now) }
    return message
  }

  /// Stores an outbound message as pending and puts it in the outbox.
  func queueOutbound(
    _ record: inout ChatRecord, text: String, templateName: String = "", sender: Actor, now: Int64,
    changes: inout Desk.Changes
  ) throws -> ChatMessage {
    let id = try queueOutboundRow(&record, text: text, templateName: templateName, sender: sender, now: now, changes: &changes)
    return .written(
      id: id, chatID: record.id, direction: .outbound, sender: sender, text: text, templateName: templateName,
      status: .pending, at: now)
  }

  /// Queues an outbound message as ``queueOutbound(_:text:templateName:sender:now:changes:)``
  /// does and returns only its id, for the inbound path's bot replies.
  func queueOutboundRow(
    _ record: inout ChatRecord, text: String, templateName: String = "", sender: Actor, now: Int64,
    changes: inout Desk.Changes
  ) throws -> Int64 {
    let id = try insertMessageRow(
      workspaceID: record.workspaceID, chatID: record.id, direction: .outbound, sender: sender, text: text,
      templateName: templateName, waMessageID: nil, status: .pending, now: now)
    record.preview = ChatRecord.preview(of: text)
    // A pending outbound message is in the outbox (the `outbox_pending` index); its id is its
    // sequence there.
    changes.outbox.append(EventHub.Entry(sequence: id, workspaceID: record.workspaceID, chatID: record.id))
    return id
  }
}

extension ChatPolicy {
  /// A workspace's settings as the domain's policy; no intervention target is a target that
  /// never passes.
  init(_ settings: WorkspaceSettings) {
    self.init(
      historyAfter: .milliseconds(settings.historyAfterMs), serviceWindow: .milliseconds(settings.serviceWindowMs),
      interventionTarget: settings.interveneTargetMs > 0 ? .milliseconds(settings.interveneTargetMs) : .seconds(Int64.max / 2))
  }
}

import ChatDomain
import SwitchboardChatClient
import SwitchboardRPC
import SwitchboardSQLite

/// The chat desk's rpcs: each loads the chat inside a write, applies one domain rule, and
/// saves the chat, its journey events, its messages and the watch log in the same commit.
struct ChatsProvider: ChatsService {
  let desk: Desk

  func receiveInbound(_ request: ReceiveInboundRequest, context: ServerContext) async throws -> ReceiveInboundResponse {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireScope(.ingest, "delivering inbound messages")
    guard !request.waMessageID.isEmpty else {
      throw ServiceError.invalidArgument("wa_message_id is required: WhatsApp's message id makes retries safe")
    }
    let waUserID = try Validate.waUserID(request.waUserID)
    let text = try Validate.messageText(request.text)
    let phone = request.phone.isEmpty ? nil : try Validate.phone(request.phone)
    let profileName = request.profileName.isEmpty ? nil : try? Validate.name(request.profileName, "profile_name")
    let now = request.sentAtMs > 0 ? min(request.sentAtMs, desk.now) : desk.now
    let rules = try await desk.rules.entry(workspaceID, desk: desk)
    // Decide off the writer what a returning user's message does, from the state their last
    // message left or else from a reader; the writer then only checks and stores (and takes
    // the whole path itself when the plan went stale or there is none).
    let key = InboundStateCache.Key(workspaceID: workspaceID, waUserID: waUserID)
    let plan: InboundPlan?
    if let state = desk.inboundStates.state(for: key) {
      plan = InboundPlanner(now: now, rules: rules).plan(text, from: state)
    } else {
      plan = try await desk.read { db in
        try Inbound(db: db, inboundIDs: desk.inboundIDs, workspaceID: workspaceID, now: now, rules: rules)
          .plan(waUserID: waUserID, text: text)
      }
    }
    let inboundID = InboundID(request.waMessageID)
    let written = try await desk.write { db, changes -> InboundWrite in
      let inbound = Inbound(db: db, inboundIDs: desk.inboundIDs, workspaceID: workspaceID, now: now, rules: rules)
      if let plan, let stored = try inbound.apply(plan, inboundID: inboundID, phone: phone, text: text, changes: &changes) {
        return .stored(stored)
      }
      return try inbound.receive(
        inboundID: inboundID, waUserID: waUserID, phone: phone, profileName: profileName, text: text,
        changes: &changes)
    }
    // The answer and the state to remember are built here, after the commit, off the writer.
    let outcome = written.outcome(text: text, waMessageID: request.waMessageID, now: now)
    if let next = outcome.next {
      desk.inboundStates.remember(next, for: key)
    } else {
      desk.inboundStates.forget(key)
    }
    return outcome.response
  }

  func requestIntervention(_ request: RequestInterventionRequest, context: ServerContext) async throws -> SwitchboardChatClient.Chat {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    let chatID = try parseID(request.chatID, "chat")
    let now = desk.now
    return try await desk.write { db, changes in
      try db.changeChat(chatID, workspaceID: workspaceID, by: caller, now: now, changes: &changes) { chat in
        try chat.authorizeWrite(by: caller.principal)
        return try chat.requestIntervention(by: caller.journeyActor, at: Timestamp(millisecondsSinceEpoch: now))
      }
    }
  }

  func intervene(_ request: InterveneRequest, context: ServerContext) async throws -> SwitchboardChatClient.Chat {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    let chatID = try parseID(request.chatID, "chat")
    let now = desk.now
    return try await desk.write { db, changes in
      // Intervening again in a chat one holds changes nothing, and counts no intervention.
      var intervened = false
      let chat = try db.changeChat(chatID, workspaceID: workspaceID, by: caller, now: now, changes: &changes) { chat in
        let events = try chat.intervene(by: caller.principal, at: Timestamp(millisecondsSinceEpoch: now))
        intervened = !events.isEmpty
        return events
      }
      if intervened {
        try db.countIntervention(contactID: Int64(chat.contactID)!)
        try db.episodeAccepted(chatID: chatID, agentID: caller.agentID, at: now)
        try db.withdrawPendingBotReplies(chatID: chatID, workspaceID: workspaceID, because: .intervened, changes: &changes)
      }
      return chat
    }
  }

  func sendMessage(_ request: SendMessageRequest, context: ServerContext) async throws -> ChatMessage {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    let chatID = try parseID(request.chatID, "chat")
    let text = try Validate.messageText(request.text)
    let now = desk.now
    return try await desk.write { db, changes in
      try db.sendOutbound(
        chatID, workspaceID: workspaceID, templateName: "", as: .agent(caller.principal), sender: caller.actor,
        now: now, changes: &changes
      ) { _ in text }
    }
  }

  func sendTemplate(_ request: SendTemplateRequest, context: ServerContext) async throws -> ChatMessage {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    let chatID = try parseID(request.chatID, "chat")
    let now = desk.now
    let template = try MessageTemplate(request.templateText)
    return try await desk.write { db, changes in
      try db.sendOutbound(
        chatID, workspaceID: workspaceID, templateName: request.templateName,
        as: .template(request.templateName, by: caller.principal), sender: caller.actor, now: now, changes: &changes
      ) { record in
        let contact = try db.domainContact(try db.contact(record.contactID, workspaceID: workspaceID)!)
        return try Validate.messageText(template.render(for: contact))
      }
    }
  }

  func resolve(_ request: ResolveRequest, context: ServerContext) async throws -> SwitchboardChatClient.Chat {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    let chatID = try parseID(request.chatID, "chat")
    let now = desk.now
    return try await desk.write { db, changes in
      let chat = try db.changeChat(chatID, workspaceID: workspaceID, by: caller, now: now, changes: &changes) { chat in
        try chat.resolve(by: caller.principal, force: request.force, at: Timestamp(millisecondsSinceEpoch: now))
      }
      try db.episodeResolved(chatID: chatID, at: now, startNext: true)
      return chat
    }
  }

  func transfer(_ request: TransferRequest, context: ServerContext) async throws -> SwitchboardChatClient.Chat {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    let chatID = try parseID(request.chatID, "chat")
    let targetID = try parseID(request.toAgentID, "agent")
    let now = desk.now
    return try await desk.write { db, changes in
      guard let target = try db.agent(targetID, workspaceID: workspaceID) else {
        throw ServiceError.notFound("no agent has id \(targetID) in this workspace")
      }
      return try db.changeChat(chatID, workspaceID: workspaceID, by: caller, now: now, changes: &changes) { chat in
        try chat.transfer(
          to: ChatDomain.Agent(id: AgentID(rawValue: target.id), name: target.name), by: caller.principal,
          at: Timestamp(millisecondsSinceEpoch: now))
      }
    }
  }

  func getChat(_ request: GetChatRequest, context: ServerContext) async throws -> SwitchboardChatClient.Chat {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    let chatID = try parseID(request.chatID, "chat")
    return try await desk.read { db in
      let record = try db.readableChat(chatID, workspaceID: workspaceID, by: caller)
      return try db.apiChat(record)
    }
  }

  func listChats(_ request: ListChatsRequest, context: ServerContext) async throws -> ListChatsResponse {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    guard caller.agentID != nil else {
      throw ServiceError.permissionDenied("\(caller.displayName) may not list chats: chats are read by agents")
    }
    let (limit, cursor) = try Page.parse(request.page)
    if case .unrecognized(let number) = request.section {
      throw ServiceError.invalidArgument("section \(number) is not a section: use active, requested, accepted, history or unspecified for all")
    }
    let agentFilter = request.agentID.isEmpty ? nil : try parseID(request.agentID, "agent")
    let viewer: Int64?? = caller.isAdmin ? .none : .some(caller.agentID)
    return try await desk.read { db in
      let tagID: Int64?
      if request.tag.isEmpty {
        tagID = nil
      } else {
        guard let tag = try db.tag(named: request.tag, workspaceID: workspaceID) else {
          return ListChatsResponse()
        }
        tagID = Int64(tag.id)
      }
      let records = try db.chats(
        workspaceID: workspaceID, section: request.section == .unspecified ? nil : request.section, tagID: tagID,
        attribute: request.attributeKey.isEmpty ? nil : (request.attributeKey, request.attributeValue),
        agentID: agentFilter, text: request.text.isEmpty ? nil : request.text, hideAcceptedExceptFor: viewer,
        after: cursor, limit: limit + 1)
      let shown = records.prefix(limit)
      let next = records.count > limit ? PageCursor(key: shown.last!.lastMessageAt, id: shown.last!.id).token : ""
      return ListChatsResponse(chats: try db.apiChats(shown), nextPageToken: next)
    }
  }

  func listMessages(_ request: ListMessagesRequest, context: ServerContext) async throws -> ListMessagesResponse {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    let chatID = try parseID(request.chatID, "chat")
    let (limit, cursor) = try Page.parse(request.page)
    return try await desk.read { db in
      _ = try db.readableChat(chatID, workspaceID: workspaceID, by: caller)
      let messages = try db.messages(chatID: chatID, before: cursor, limit: limit + 1)
      let shown = Array(messages.prefix(limit))
      let next = messages.count > limit ? PageCursor(key: 0, id: Int64(shown.last!.id)!).token : ""
      return ListMessagesResponse(messages: shown, nextPageToken: next)
    }
  }
}

import ChatDomain
import SwitchboardChatClient
import SwitchboardRPC
import SwitchboardSQLite

/// The user profile beside a chat: read by whoever may read the contact's chat, changed by
/// whoever may work it; every change recorded in the journey.
struct ContactsProvider: ContactsService {
  let desk: Desk

  func getContact(_ request: GetContactRequest, context: ServerContext) async throws -> SwitchboardChatClient.Contact {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    let contactID = try parseID(request.contactID, "contact")
    return try await desk.read { db in
      let record = try db.readableContact(contactID, workspaceID: workspaceID, by: caller)
      return try db.apiContact(record)
    }
  }

  func updateContact(_ request: UpdateContactRequest, context: ServerContext) async throws -> SwitchboardChatClient.Contact {
    var values: [ProfileField: String?] = [:]
    if let name = request.name { values[.name] = name.isEmpty ? String?.none : name }
    if let phone = request.phone { values[.phone] = phone.isEmpty ? String?.none : phone }
    if let email = request.email { values[.email] = email.isEmpty ? String?.none : email }
    for (key, value) in request.extraDetails {
      guard !key.isEmpty, key.utf8.count <= 64, value.utf8.count <= 1024 else {
        throw ServiceError.invalidArgument("extra detail \"\(key.prefix(64))\": keys are 1 to 64 bytes, values at most 1 KiB")
      }
    }
    let profile = values
    return try await change(request.contactID) { db, record, contact, caller, now in
      var events = try contact.updateProfile(profile, by: caller.journeyActor, at: now)
      if !request.extraDetails.isEmpty {
        var details = record.extraDetails
        for (key, value) in request.extraDetails { details[key] = value.isEmpty ? nil : value }
        if details != record.extraDetails {
          var updated = record
          updated.extraDetails = details
          try db.updateContactProfile(updated)
          if events.isEmpty {
            events = [JourneyEvent(at: now, actor: caller.journeyActor, kind: .profileChanged([]))]
          }
        }
      }
      return events
    }
  }

  func setAttribute(_ request: SetAttributeRequest, context: ServerContext) async throws -> SwitchboardChatClient.Contact {
    let key = try Validate.attributeKey(request.key)
    let value = try Validate.attributeValue(request.value)
    return try await change(request.contactID) { _, _, contact, caller, now in
      try contact.set(.attribute(try AttributeKey(key)), to: value, by: caller.journeyActor, at: now)
    }
  }

  func removeAttribute(_ request: RemoveAttributeRequest, context: ServerContext) async throws -> SwitchboardChatClient.Contact {
    let key = try Validate.attributeKey(request.key)
    return try await change(request.contactID) { _, _, contact, caller, now in
      guard contact.attributes[try AttributeKey(key)] != nil else {
        throw ServiceError.notFound("the contact has no attribute \(key)")
      }
      return try contact.set(.attribute(try AttributeKey(key)), to: nil, by: caller.journeyActor, at: now)
    }
  }

  func listContacts(_ request: ListContactsRequest, context: ServerContext) async throws -> ListContactsResponse {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    guard caller.agentID != nil || caller.has(.tags) else {
      throw ServiceError.permissionDenied("\(caller.displayName) may not list contacts: agents and keys with the tags scope do")
    }
    let (limit, cursor) = try Page.parse(request.page)
    // An agent does not read the contact of a chat another agent holds, in a list either.
    let viewer: Int64?? = caller.isAdmin || caller.agentID == nil ? .none : .some(caller.agentID)
    return try await desk.read { db in
      var tagID: Int64?
      if !request.tag.isEmpty {
        guard let tag = try db.tag(named: request.tag, workspaceID: workspaceID) else { return ListContactsResponse() }
        tagID = Int64(tag.id)
      }
      let ids = try db.contactIDs(
        workspaceID: workspaceID, tagID: tagID,
        attribute: request.attributeKey.isEmpty ? nil : (request.attributeKey, request.attributeValue),
        hideAcceptedExceptFor: viewer, after: cursor, limit: limit + 1)
      let shown = ids.prefix(limit)
      let contacts = try shown.compactMap { try db.contact($0.id, workspaceID: workspaceID) }.map(db.apiContact)
      let next = ids.count > limit ? PageCursor(key: shown.last!.lastSeenAt, id: shown.last!.id).token : ""
      return ListContactsResponse(contacts: contacts, nextPageToken: next)
    }
  }

  /// Loads the contact the caller may work, applies `rule`, saves what changed with its
  /// journey events, and returns the contact as it now stands.
  private func change(
    _ contactIDText: String,
    _ rule: @escaping @Sendable (SQLiteConnection, ContactRecord, inout ChatDomain.Contact, Caller, Timestamp) throws -> [ChatDomain.JourneyEvent]
  ) async throws -> SwitchboardChatClient.Contact {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    let contactID = try parseID(contactIDText, "contact")
    let now = desk.now
    return try await desk.write { db, changes in
      let record = try db.writableContact(contactID, workspaceID: workspaceID, by: caller)
      var contact = try db.domainContact(record)
      let before = contact
      let events = try rule(db, record, &contact, caller, Timestamp(millisecondsSinceEpoch: now))
      try db.saveContactChanges(record, from: before, to: contact)
      let chatID = try db.chat(contactID: contactID)?.id
      try db.recordJourney(events, workspaceID: workspaceID, contactID: contactID, chatID: chatID)
      if let chatID, !events.isEmpty {
        changes.events.append(try db.appendEvent(workspaceID: workspaceID, chatID: chatID, messageID: nil, kind: .chatUpdated))
      }
      return try db.apiContact(try db.contact(contactID, workspaceID: workspaceID)!)
    }
  }
}

extension SQLiteConnection {
  /// A contact the caller may read: agents read contacts whose chat they may read; keys with
  /// the tags scope read every contact of their workspace.
  func readableContact(_ contactID: Int64, workspaceID: Int64, by caller: Caller) throws -> ContactRecord {
    guard let record = try contact(contactID, workspaceID: workspaceID) else {
      throw ServiceError.notFound("no contact has id \(contactID) in this workspace")
    }
    if caller.agentID == nil {
      guard caller.has(.tags) else {
        throw ServiceError.permissionDenied("\(caller.displayName) may not read contacts: agents and keys with the tags scope do")
      }
      return record
    }
    if let chat = try chat(contactID: contactID) { try domainChat(chat).authorizeRead(by: caller.principal) }
    return record
  }

  /// A contact the caller may change: agents change contacts whose chat they may work.
  func writableContact(_ contactID: Int64, workspaceID: Int64, by caller: Caller) throws -> ContactRecord {
    guard let record = try contact(contactID, workspaceID: workspaceID) else {
      throw ServiceError.notFound("no contact has id \(contactID) in this workspace")
    }
    if caller.agentID == nil {
      guard caller.has(.tags) else {
        throw ServiceError.permissionDenied("\(caller.displayName) may not change contacts: agents and keys with the tags scope do")
      }
      return record
    }
    if let chat = try chat(contactID: contactID) { try domainChat(chat).authorizeWrite(by: caller.principal) }
    return record
  }
}

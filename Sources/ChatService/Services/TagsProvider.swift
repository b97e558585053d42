import ChatDomain
import SwitchboardChatClient
import SwitchboardRPC
import SwitchboardSQLite

/// The tag catalog (admins manage it) and tags on contacts (agents set manual tags, API keys
/// with the tags scope set api tags), each assignment recorded in the journey with its kind.
struct TagsProvider: TagsService {
  let desk: Desk

  func createTag(_ request: CreateTagRequest, context: ServerContext) async throws -> Tag {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireAdmin("adding tags to the catalog")
    let name = try Validate.tagName(request.name)
    let now = desk.now
    return try await desk.write { db, _ in
      if try db.tag(named: name, workspaceID: workspaceID) != nil {
        throw ServiceError.alreadyExists("the catalog already has a tag named \"\(name)\" (names ignore case)")
      }
      return try db.insertTag(workspaceID: workspaceID, name: name, now: now)
    }
  }

  func renameTag(_ request: RenameTagRequest, context: ServerContext) async throws -> Tag {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireAdmin("renaming tags")
    let tagID = try parseID(request.tagID, "tag")
    let name = try Validate.tagName(request.name)
    return try await desk.write { db, _ in
      guard try db.tag(tagID, workspaceID: workspaceID) != nil else { throw ServiceError.notFound("no tag has id \(tagID)") }
      if let existing = try db.tag(named: name, workspaceID: workspaceID), existing.id != tagID.idString {
        throw ServiceError.alreadyExists("the catalog already has a tag named \"\(name)\"")
      }
      try db.renameTag(tagID, to: name)
      return try db.tag(tagID, workspaceID: workspaceID)!
    }
  }

  func deleteTag(_ request: DeleteTagRequest, context: ServerContext) async throws -> DeleteTagResponse {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireAdmin("deleting tags")
    let tagID = try parseID(request.tagID, "tag")
    return try await desk.write { db, _ in
      guard try db.tag(tagID, workspaceID: workspaceID) != nil else { throw ServiceError.notFound("no tag has id \(tagID)") }
      return DeleteTagResponse(removedFromContacts: try db.deleteTag(tagID))
    }
  }

  func listTags(_ request: ListTagsRequest, context: ServerContext) async throws -> ListTagsResponse {
    let workspaceID = try Caller.require().requireWorkspace()
    let page = request.page ?? PageRequest()
    let limit = try pageSize(page.pageSize)
    // The catalog pages by name, so its token is the last name shown.
    let after: String?
    if page.pageToken.isEmpty {
      after = nil
    } else if let bytes = Hex.decode(page.pageToken) {
      after = String(decoding: bytes, as: UTF8.self)
    } else {
      throw ServiceError.invalidArgument("page_token \"\(page.pageToken)\" is not a token this server returned")
    }
    let tags = try await desk.read { try $0.tags(workspaceID: workspaceID, afterName: after, limit: limit + 1) }
    let shown = Array(tags.prefix(limit))
    let next = tags.count > limit ? Hex.encode(Array(shown.last!.name.lowercased().utf8)) : ""
    return ListTagsResponse(tags: shown, nextPageToken: next)
  }

  func addContactTag(_ request: AddContactTagRequest, context: ServerContext) async throws -> SwitchboardChatClient.Contact {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    let contactID = try parseID(request.contactID, "contact")
    let name = try Validate.tagName(request.tagName)
    let kind: ChatDomain.TagKind = caller.agentID != nil ? .manual : .api
    let now = desk.now
    return try await desk.write { db, changes in
      let record = try db.writableContact(contactID, workspaceID: workspaceID, by: caller)
      var contact = try db.domainContact(record)
      let events = try contact.addTag(try TagName(name), kind: kind, by: caller.journeyActor, at: Timestamp(millisecondsSinceEpoch: now))
      var tag = try db.tag(named: name, workspaceID: workspaceID)
      if tag == nil {
        guard request.createIfMissing else {
          throw ServiceError.notFound("the catalog has no tag named \"\(name)\"; create it, or pass create_if_missing")
        }
        tag = try db.insertTag(workspaceID: workspaceID, name: name, now: now)
      }
      if !events.isEmpty {
        _ = try db.addContactTag(contactID: contactID, tagID: Int64(tag!.id)!, kind: kind.api, actor: caller.actor, now: now)
        try db.recordContactEvents(events, workspaceID: workspaceID, contactID: contactID, changes: &changes)
      }
      return try db.apiContact(record)
    }
  }

  func removeContactTag(_ request: RemoveContactTagRequest, context: ServerContext) async throws -> SwitchboardChatClient.Contact {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    let contactID = try parseID(request.contactID, "contact")
    let name = try Validate.tagName(request.tagName)
    let now = desk.now
    return try await desk.write { db, changes in
      let record = try db.writableContact(contactID, workspaceID: workspaceID, by: caller)
      var contact = try db.domainContact(record)
      let events = try contact.removeTag(try TagName(name), by: caller.journeyActor, at: Timestamp(millisecondsSinceEpoch: now))
      if !events.isEmpty, let tag = try db.tag(named: name, workspaceID: workspaceID) {
        _ = try db.removeContactTag(contactID: contactID, tagID: Int64(tag.id)!)
        try db.recordContactEvents(events, workspaceID: workspaceID, contactID: contactID, changes: &changes)
      }
      return try db.apiContact(record)
    }
  }
}

extension SQLiteConnection {
  /// Records a contact change's journey events and tells the watchers of its chat.
  func recordContactEvents(
    _ events: [ChatDomain.JourneyEvent], workspaceID: Int64, contactID: Int64, changes: inout Desk.Changes
  ) throws {
    let chatID = try chat(contactID: contactID)?.id
    try recordJourney(events, workspaceID: workspaceID, contactID: contactID, chatID: chatID)
    if let chatID {
      changes.events.append(try appendEvent(workspaceID: workspaceID, chatID: chatID, messageID: nil, kind: .chatUpdated))
    }
  }
}

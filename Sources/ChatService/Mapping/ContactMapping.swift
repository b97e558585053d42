import ChatDomain
import SwitchboardChatClient
import SwitchboardSQLite

extension SQLiteConnection {
  /// The domain contact of a stored one: profile, attributes and tags, restored without
  /// validating again what was validated when it was written.
  func domainContact(_ record: ContactRecord) throws -> ChatDomain.Contact {
    try domainContactAndTagNames(record).contact
  }

  /// The domain contact, and its tag names in the order they were given (as a chat shows
  /// them): one query of the tags for both.
  func domainContactAndTagNames(_ record: ContactRecord) throws -> (contact: ChatDomain.Contact, tagNames: [String]) {
    var attributes: [AttributeKey: AttributeValue] = [:]
    for (key, value) in try self.attributes(contactID: record.id) {
      attributes[AttributeKey(stored: key)] = AttributeValue(stored: value)
    }
    var tags: [TagName: ChatDomain.TagKind] = [:]
    var names: [String] = []
    try forEachRow(
      """
      SELECT tags.name, contact_tags.kind FROM contact_tags JOIN tags ON tags.id = contact_tags.tag_id
      WHERE contact_tags.contact_id = ? ORDER BY contact_tags.added_at, tags.id
      """,
      [record.id]
    ) { row in
      let name = try row.string(0)
      names.append(name)
      tags[TagName(stored: name)] = SwitchboardChatClient.TagKind(rawValue: Int32(try row.int64(1))).domain
    }
    let contact = ChatDomain.Contact(
      whatsAppID: WhatsAppUserID(stored: record.waUserID),
      name: record.name.isEmpty ? nil : DisplayName(stored: record.name),
      phone: record.phone.isEmpty ? nil : PhoneNumber(stored: record.phone),
      email: record.email.isEmpty ? nil : EmailAddress(stored: record.email),
      attributes: attributes, tags: tags)
    return (contact, names)
  }

  /// Writes what changed between `old` and `new` of a contact's profile and attributes.
  func saveContactChanges(_ record: ContactRecord, from old: ChatDomain.Contact, to new: ChatDomain.Contact) throws {
    if old.name != new.name || old.phone != new.phone || old.email != new.email {
      var updated = record
      updated.name = new.name?.rawValue ?? ""
      updated.phone = new.phone?.rawValue ?? ""
      updated.email = new.email?.rawValue ?? ""
      try updateContactProfile(updated)
    }
    for (key, value) in new.attributes where old.attributes[key] != value {
      try setAttribute(contactID: record.id, workspaceID: record.workspaceID, key: key.rawValue, value: value.rawValue)
    }
    for key in old.attributes.keys where new.attributes[key] == nil {
      try removeAttribute(contactID: record.id, key: key.rawValue)
    }
  }

  /// The API's contact: profile, attributes, tags, journey summary and recent campaigns.
  func apiContact(_ record: ContactRecord) throws -> SwitchboardChatClient.Contact {
    SwitchboardChatClient.Contact(
      id: record.id.idString, waUserID: record.waUserID, name: record.name, phone: record.phone,
      email: record.email, attributes: try attributes(contactID: record.id), tags: try contactTags(contactID: record.id),
      journey: JourneySummary(
        firstSeenAtMs: record.firstSeenAt, lastSeenAtMs: record.lastSeenAt, messageCount: record.messageCount,
        interventionCount: record.interventionCount, eventCount: try journeyCount(contactID: record.id)),
      campaigns: try contactCampaigns(contactID: record.id, before: nil, limit: 20),
      extraDetails: record.extraDetails, createdAtMs: record.createdAt)
  }

  /// The API's chat for a stored one, with the contact's name and tags and the owner's name:
  /// a page of one (``apiChats(_:)``), so a chat reads the same alone and in a list.
  func apiChat(_ record: ChatRecord) throws -> SwitchboardChatClient.Chat {
    try apiChats(CollectionOfOne(record))[0]
  }

  /// The domain chat of a row, with its owner's name looked up.
  func domainChat(_ record: ChatRecord) throws -> ChatDomain.Chat {
    let ownerName = try record.ownerAgentID.flatMap { try agent($0, workspaceID: record.workspaceID)?.name } ?? ""
    return try record.domainChat(ownerName: ownerName)
  }
}

extension SwitchboardChatClient.TagKind {
  /// The domain's kind.
  var domain: ChatDomain.TagKind {
    switch self {
    case .firstMessage: .firstMessage
    case .api: .api
    case .broadcast: .broadcast
    default: .manual
    }
  }
}

extension ChatDomain.TagKind {
  /// The API's kind.
  var api: SwitchboardChatClient.TagKind {
    switch self {
    case .firstMessage: .firstMessage
    case .api: .api
    case .broadcast: .broadcast
    case .manual: .manual
    }
  }
}

/// A WhatsApp user of a workspace as the rules see them: identity, profile, attributes and tags.
///
/// The service loads a contact, applies a rule, saves what changed and records the returned
/// journey events in the same transaction. Rules that refuse a change throw before changing
/// anything.
public struct Contact: Hashable, Sendable {
  /// The identity of the contact in its workspace.
  public let whatsAppID: WhatsAppUserID
  /// The contact's name, at first their WhatsApp profile name.
  public internal(set) var name: DisplayName?
  /// The contact's phone number, when known.
  public internal(set) var phone: PhoneNumber?
  /// The contact's email address, when known.
  public internal(set) var email: EmailAddress?
  /// The contact's attributes.
  public internal(set) var attributes: [AttributeKey: AttributeValue]
  /// The contact's tags, each with how it came there.
  public internal(set) var tags: [TagName: TagKind]

  /// Restores a contact from storage, or creates one with no chat yet (imported for a campaign).
  public init(
    whatsAppID: WhatsAppUserID,
    name: DisplayName? = nil,
    phone: PhoneNumber? = nil,
    email: EmailAddress? = nil,
    attributes: [AttributeKey: AttributeValue] = [:],
    tags: [TagName: TagKind] = [:]
  ) {
    self.whatsAppID = whatsAppID
    self.name = name
    self.phone = phone
    self.email = email
    self.attributes = attributes
    self.tags = tags
  }

  /// A new contact writing for the first time: creates the contact and its chat (in Active,
  /// the message counted as the user's last), and gives the first-message tag.
  ///
  /// The message itself is not passed to ``Chat/receiveInbound(at:)`` again. A contact that
  /// existed without a chat (imported for a campaign) gets ``Chat/start(at:)`` and
  /// ``markFirstMessage(at:tag:)`` instead.
  ///
  /// - Returns: the contact, the chat, and ``JourneyEvent/Kind/chatStarted`` followed by the tag's
  ///   ``JourneyEvent/Kind/tagAdded(_:kind:)``.
  public static func firstMessage(
    from whatsAppID: WhatsAppUserID,
    name: DisplayName?,
    phone: PhoneNumber? = nil,
    at now: Timestamp,
    tag: TagName = .firstMessage
  ) -> (contact: Contact, chat: Chat, events: [JourneyEvent]) {
    var contact = Contact(whatsAppID: whatsAppID, name: name, phone: phone)
    let (chat, started) = Chat.start(at: now)
    let tagged = contact.markFirstMessage(at: now, tag: tag)
    return (contact, chat, started + tagged)
  }

  /// Gives the first-message tag to a contact who has just written for the first time.
  ///
  /// - Returns: the ``JourneyEvent/Kind/tagAdded(_:kind:)`` event, or nothing when the contact
  ///   already has the tag.
  public mutating func markFirstMessage(
    at now: Timestamp,
    tag: TagName = .firstMessage
  ) -> [JourneyEvent] {
    guard tags[tag] == nil else { return [] }
    tags[tag] = .firstMessage
    return [JourneyEvent(at: now, actor: .system, kind: .tagAdded(tag, kind: .firstMessage))]
  }

  /// The value of a field, `nil` when unknown.
  public func value(of field: ContactField) -> String? {
    switch field {
    case .profile(.name): name?.rawValue
    case .profile(.phone): phone?.rawValue
    case .profile(.email): email?.rawValue
    case .attribute(let key): attributes[key]?.rawValue
    }
  }

  /// Records that a campaign reached the contact, with its broadcast tag if it has one.
  ///
  /// The contact's chat, if any, also gets ``Chat/send(_:at:policy:)`` with
  /// ``Chat/Outbound/campaign``, which records the message but no journey event.
  ///
  /// - Returns: ``JourneyEvent/Kind/campaignSent(campaign:)``, then the broadcast tag's
  ///   ``JourneyEvent/Kind/tagAdded(_:kind:)`` unless the contact already had the tag.
  public mutating func recordCampaign(
    _ campaign: String,
    tag: TagName?,
    at now: Timestamp
  ) -> [JourneyEvent] {
    var events = [JourneyEvent(at: now, actor: .system, kind: .campaignSent(campaign: campaign))]
    if let tag, tags[tag] == nil {
      tags[tag] = .broadcast
      events.append(JourneyEvent(at: now, actor: .system, kind: .tagAdded(tag, kind: .broadcast)))
    }
    return events
  }
}

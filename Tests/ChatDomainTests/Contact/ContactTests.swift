import ChatDomain
import Testing

@Suite("Contacts: attributes, profile and tags, each change a journey event")
struct ContactTests {
  static func ana() throws -> Contact {
    Contact(whatsAppID: try WhatsAppUserID("5511912345678"), name: try DisplayName("Ana"))
  }

  @Test("setting, changing and removing an attribute records old → new, by whom")
  func attributes() throws {
    var contact = try Self.ana()
    let city = try AttributeKey("city")
    #expect(
      try contact.set(.attribute(city), to: "Recife", by: .agent("a1"), at: t0)
        == [
          JourneyEvent(
            at: t0, actor: .agent("a1"), kind: .attributeSet(key: city, old: nil, new: "Recife"))
        ])
    #expect(
      try kinds(contact.set(.attribute(city), to: " Olinda ", by: .bot, at: t0))
        == [.attributeSet(key: city, old: "Recife", new: "Olinda")])
    #expect(try contact.set(.attribute(city), to: "Olinda", by: .bot, at: t0).isEmpty)
    #expect(
      try kinds(contact.set(.attribute(city), to: nil, by: .apiKey("k2"), at: t0))
        == [.attributeSet(key: city, old: "Olinda", new: nil)])
    #expect(contact.attributes.isEmpty)
  }

  @Test("a bad value is refused and changes nothing")
  func badValue() throws {
    var contact = try Self.ana()
    let before = contact
    expectRefusal(.invalidArgument, mentioning: "1 KiB") {
      _ = try contact.set(
        .attribute(AttributeKey("notes")), to: String(repeating: "x", count: 2000),
        by: .agent("a1"), at: t0)
    }
    expectRefusal(.invalidArgument, mentioning: "not an email address") {
      _ = try contact.set(.profile(.email), to: "ana.example.com", by: .agent("a1"), at: t0)
    }
    #expect(contact == before)
  }

  @Test("a profile update is one event listing the fields that changed, all or nothing")
  func profile() throws {
    var contact = try Self.ana()
    let events = try contact.updateProfile(
      [.name: "Ana Souza", .email: "ana@example.com", .phone: nil], by: .agent("a1"), at: t0)
    #expect(
      kinds(events) == [
        .profileChanged([
          ProfileChange(field: .name, old: "Ana", new: "Ana Souza"),
          ProfileChange(field: .email, old: nil, new: "ana@example.com"),
        ])
      ])
    let before = contact
    expectRefusal(.invalidArgument, mentioning: "E.164") {
      _ = try contact.updateProfile([.name: "Ana S.", .phone: "12345"], by: .agent("a1"), at: t0)
    }
    #expect(contact == before)
    #expect(try contact.set(.profile(.name), to: "Ana Souza", by: .agent("a1"), at: t0).isEmpty)
  }

  @Test("agents add manual tags, API keys API tags, and a tag present is not added twice")
  func addTags() throws {
    var contact = try Self.ana()
    let vip = try TagName("VIP")
    #expect(
      try contact.addTag(vip, kind: .manual, by: .agent("a1"), at: t0)
        == [JourneyEvent(at: t0, actor: .agent("a1"), kind: .tagAdded(vip, kind: .manual))])
    #expect(try contact.addTag(TagName("vip"), kind: .manual, by: .agent("a2"), at: t0).isEmpty)
    let crm = try TagName("crm-lead")
    #expect(
      try kinds(contact.addTag(crm, kind: .api, by: .apiKey("k2"), at: t0)) == [
        .tagAdded(crm, kind: .api)
      ])
    #expect(contact.tags == [vip: .manual, crm: .api])
  }

  @Test(
    "who may add which kind of tag",
    arguments: [
      (TagKind.manual, JourneyActor.apiKey("k2"), "added by agents"),
      (.api, .agent("a1"), "API keys with the 'tags' scope"),
      (.firstMessage, .agent("a1"), "the system when a contact first writes"),
      (.broadcast, .apiKey("k2"), "the system when a campaign is sent"),
      (.manual, .bot, "added by agents"),
    ])
  func addRefused(kind: TagKind, actor: JourneyActor, fragment: String) throws {
    var contact = try Self.ana()
    let tag = try TagName("x")
    expectRefusal(.permissionDenied, mentioning: fragment) {
      _ = try contact.addTag(tag, kind: kind, by: actor, at: t0)
    }
    #expect(contact.tags.isEmpty)
  }

  @Test("agents remove all but API tags, which only API keys remove; absent tags are no error")
  func removeTags() throws {
    let crm = try TagName("crm-lead")
    let promo = try TagName("promo")
    var contact = Contact(
      whatsAppID: try WhatsAppUserID("1"),
      tags: [crm: .api, promo: .broadcast, .firstMessage: .firstMessage])
    expectRefusal(.permissionDenied, mentioning: "API tags are removed by API keys") {
      _ = try contact.removeTag(crm, by: .agent("a1"), at: t0)
    }
    expectRefusal(.permissionDenied, mentioning: "removed by agents") {
      _ = try contact.removeTag(promo, by: .apiKey("k2"), at: t0)
    }
    #expect(
      try kinds(contact.removeTag(TagName("PROMO"), by: .agent("a1"), at: t0)) == [
        .tagRemoved(promo, kind: .broadcast)
      ])
    #expect(
      try kinds(contact.removeTag(crm, by: .apiKey("k2"), at: t0)) == [.tagRemoved(crm, kind: .api)]
    )
    #expect(try contact.removeTag(crm, by: .apiKey("k2"), at: t0).isEmpty)
    #expect(contact.tags == [.firstMessage: .firstMessage])
  }

  @Test(
    "a campaign is recorded with its broadcast tag; a contact without chat gets its first-message tag when it writes"
  )
  func campaignsAndFirstMessage() throws {
    var contact = Contact(whatsAppID: try WhatsAppUserID("1"))
    let promo = try TagName("black friday")
    #expect(
      contact.recordCampaign("Black Friday", tag: promo, at: t0)
        == [
          JourneyEvent(at: t0, actor: .system, kind: .campaignSent(campaign: "Black Friday")),
          JourneyEvent(at: t0, actor: .system, kind: .tagAdded(promo, kind: .broadcast)),
        ])
    #expect(
      kinds(contact.recordCampaign("Black Friday 2", tag: promo, at: t0)) == [
        .campaignSent(campaign: "Black Friday 2")
      ])
    let later = t0 + .hours(2)
    let (_, started) = Chat.start(at: later)
    #expect(started == [JourneyEvent(at: later, actor: .contact, kind: .chatStarted)])
    #expect(
      kinds(contact.markFirstMessage(at: later)) == [.tagAdded(.firstMessage, kind: .firstMessage)])
    #expect(contact.markFirstMessage(at: later).isEmpty)
  }
}

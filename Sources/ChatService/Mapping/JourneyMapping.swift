import ChatDomain
import SwitchboardChatClient
import SwitchboardSQLite

extension SQLiteConnection {
  /// The API's actor for a journey actor, with the agent's or key's name as it is now.
  func apiActor(_ actor: JourneyActor, workspaceID: Int64) throws -> Actor {
    switch actor {
    case .agent(let id):
      let name = try Int64(id.rawValue).flatMap { try agent($0, workspaceID: workspaceID)?.name } ?? ""
      return Actor(kind: .agent, id: id.rawValue, name: name)
    case .apiKey(let id):
      let label = try fetchOne("SELECT label FROM api_keys WHERE id = ?", [Int64(id.rawValue) ?? 0]) { try $0.string(0) } ?? ""
      return Actor(kind: .apiKey, id: id.rawValue, name: label)
    case .bot: return .bot
    case .system: return Actor(kind: .system, name: "Switchboard")
    case .contact: return Actor(kind: .contact, name: "the contact")
    }
  }

  /// Stores the domain's journey events of a change, in the same transaction as the change.
  func recordJourney(
    _ events: [ChatDomain.JourneyEvent], workspaceID: Int64, contactID: Int64, chatID: Int64?
  ) throws {
    for event in events {
      try appendJourney(workspaceID: workspaceID, try apiJourneyEvent(event, workspaceID: workspaceID, contactID: contactID, chatID: chatID))
    }
  }

  /// The API's journey event for a domain one, with a sentence an agent can read.
  func apiJourneyEvent(
    _ event: ChatDomain.JourneyEvent, workspaceID: Int64, contactID: Int64, chatID: Int64?
  ) throws -> SwitchboardChatClient.JourneyEvent {
    let actor = try apiActor(event.actor, workspaceID: workspaceID)
    var api = SwitchboardChatClient.JourneyEvent(
      contactID: contactID.idString, chatID: chatID?.idString ?? "", atMs: event.at.millisecondsSinceEpoch, actor: actor)
    let who = actor.name.isEmpty ? "Someone" : actor.name.prefix(1).uppercased() + actor.name.dropFirst()
    switch event.kind {
    case .chatStarted:
      api.kind = .chatStarted
      api.summary = "The contact wrote for the first time"
    case .sectionChanged(let from, let to):
      api.kind = .sectionChanged
      api.fromSection = from.api
      api.toSection = to.api
      api.summary = "The chat moved from \(from) to \(to)"
    case .interventionRequested(let requester):
      api.kind = .interventionRequested
      api.text = requester.rawValue
      api.summary = "\(who) asked for a human"
    case .intervened:
      api.kind = .intervened
      api.summary = "\(who) intervened"
    case .transferred(_, let to):
      api.kind = .transferred
      api.agent = try apiActor(.agent(to), workspaceID: workspaceID)
      api.summary = "\(who) transferred the chat to \(api.agent?.name ?? to.rawValue)"
    case .resolved(_, let forced):
      api.kind = .resolved
      api.forced = forced
      api.summary = forced ? "\(who) resolved the chat in another agent's place" : "\(who) resolved the chat"
    case .movedToHistory:
      api.kind = .movedToHistory
      api.summary = "The chat moved to History after a quiet period"
    case .tagAdded(let tag, let kind):
      api.kind = .tagAdded
      api.tagName = tag.rawValue
      api.tagKind = kind.api
      api.summary = "\(who) added the \(kind.displayName) tag \"\(tag.rawValue)\""
    case .tagRemoved(let tag, let kind):
      api.kind = .tagRemoved
      api.tagName = tag.rawValue
      api.tagKind = kind.api
      api.summary = "\(who) removed the tag \"\(tag.rawValue)\""
    case .attributeSet(let key, let old, let new):
      api.kind = new == nil ? .attributeRemoved : .attributeSet
      api.attributeKey = key.rawValue
      api.oldValue = old ?? ""
      api.newValue = new ?? ""
      api.summary =
        new == nil
        ? "\(who) removed \(key.rawValue) (was \"\(old ?? "")\")"
        : old == nil ? "\(who) set \(key.rawValue) to \"\(new!)\"" : "\(who) changed \(key.rawValue) from \"\(old!)\" to \"\(new!)\""
    case .profileChanged(let changes):
      api.kind = .profileChanged
      api.changedFields = changes.map(\.field.rawValue)
      api.summary = "\(who) changed the profile: " + changes.map(\.field.rawValue).joined(separator: ", ")
    case .campaignSent(let campaign):
      api.kind = .campaignSent
      api.campaignID = campaign
      api.text = try fetchOne("SELECT name FROM campaigns WHERE id = ?", [Int64(campaign) ?? 0]) { try $0.string(0) } ?? campaign
      api.summary = "The campaign \"\(api.text)\" was sent"
    case .templateSent(let template):
      api.kind = .templateSent
      api.templateName = template
      api.summary = "\(who) sent the template \(template)"
    case .interventionTargetBreached(let waited, _):
      api.kind = .interveneTargetBreached
      api.summary = "The chat waited \(waited.components.seconds / 60) minutes for an agent, past the target"
    }
    return api
  }
}

extension ChatDomain.TagKind {
  /// How a journey sentence names the kind.
  var displayName: String {
    switch self {
    case .firstMessage: "first-message"
    case .api: "API"
    case .broadcast: "broadcast"
    case .manual: "manual"
    }
  }
}

extension Actor {
  /// The bot, as messages and the journey name it.
  static let bot = Actor(kind: .bot, name: "the bot")
}

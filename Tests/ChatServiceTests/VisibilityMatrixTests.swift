import SwitchboardChatClient
import Testing

/// Who may do what with a chat Ada accepted, rpc by rpc, through the generated client over
/// TCP: the table of `ChatAccess` (ChatDomain/Chat/ChatAccess.swift) as callers meet it.
///
/// | section | owner | other agent | admin | API key |
/// |---|---|---|---|---|
/// | Accepted | write | none | read | none |
///
/// The admin agent acts on the chat only by resolving it with force and by transferring it.
/// API keys never read chats; keys with the tags scope (admin keys have every scope) read
/// contacts and set attributes and API tags on them. Another workspace finds nothing.
@Suite(.timeLimit(.minutes(1)))
struct VisibilityMatrixTests {
  /// The callers, in the order of the table's columns.
  enum Who: Int, CaseIterable, CustomStringConvertible {
    case owner, otherAgent, adminAgent, connector, adminKey, otherWorkspace

    var description: String {
      ["owner Ada", "other agent Bob", "admin agent Boss", "connector key", "admin key", "other workspace's admin"][rawValue]
    }
  }

  /// What a call got: success, with whether a list showed the chat or contact, or a status.
  enum Outcome: Equatable, CustomStringConvertible {
    case ok
    case listed
    case unlisted
    case failed(RPCError.Code)

    static let denied = Outcome.failed(.permissionDenied)
    static let notFound = Outcome.failed(.notFound)
    static let precondition = Outcome.failed(.failedPrecondition)

    var description: String {
      switch self {
      case .ok: "OK"
      case .listed: "OK, listed"
      case .unlisted: "OK, not listed"
      case .failed(let code): "\(code)"
      }
    }
  }

  /// What one call works on: a chat accepted by Ada, whose contact has the manual tag `vip`
  /// (Ada's) and the API tag `crm` (the admin key's).
  struct Cell: Sendable {
    let api: SwitchboardAPI
    let who: Who
    let chat: Chat
    /// An agent of the caller's workspace to transfer the chat to.
    let transferTarget: String
  }

  struct Row: Sendable {
    let rpc: String
    let expected: [Outcome]
    let call: @Sendable (Cell) async throws -> Outcome
  }

  static let rows: [Row] = [
    // rpc                   owner  other agent  admin agent    connector admin key other workspace
    Row(rpc: "GetChat", expected: [.ok, .denied, .ok, .denied, .denied, .notFound]) { cell in
      _ = try await cell.api.chats.getChat(GetChatRequest(chatID: cell.chat.id))
      return .ok
    },
    Row(rpc: "ListChats", expected: [.listed, .unlisted, .listed, .denied, .denied, .unlisted]) { cell in
      let chats = try await cell.api.chats.listChats(ListChatsRequest(page: PageRequest(pageSize: 500))).chats
      return chats.contains { $0.id == cell.chat.id } ? .listed : .unlisted
    },
    Row(rpc: "ListMessages", expected: [.ok, .denied, .ok, .denied, .denied, .notFound]) { cell in
      let messages = try await cell.api.chats.listMessages(ListMessagesRequest(chatID: cell.chat.id)).messages
      return messages.isEmpty ? .failed(.unknown) : .ok
    },
    Row(rpc: "SendMessage", expected: [.ok, .denied, .denied, .denied, .denied, .notFound]) { cell in
      _ = try await cell.api.chats.sendMessage(SendMessageRequest(chatID: cell.chat.id, text: "Hello"))
      return .ok
    },
    Row(rpc: "SendTemplate", expected: [.ok, .denied, .denied, .denied, .denied, .notFound]) { cell in
      _ = try await cell.api.chats.sendTemplate(
        SendTemplateRequest(chatID: cell.chat.id, templateName: "welcome", templateText: "Welcome!"))
      return .ok
    },
    Row(rpc: "Resolve", expected: [.ok, .denied, .precondition, .denied, .denied, .notFound]) { cell in
      _ = try await cell.api.chats.resolve(ResolveRequest(chatID: cell.chat.id))
      return .ok
    },
    Row(rpc: "Resolve with force", expected: [.ok, .denied, .ok, .denied, .denied, .notFound]) { cell in
      _ = try await cell.api.chats.resolve(ResolveRequest(chatID: cell.chat.id, force: true))
      return .ok
    },
    Row(rpc: "Transfer", expected: [.ok, .denied, .ok, .denied, .denied, .notFound]) { cell in
      _ = try await cell.api.chats.transfer(TransferRequest(chatID: cell.chat.id, toAgentID: cell.transferTarget))
      return .ok
    },
    // Intervening in one's own chat changes nothing; in another's, the holder is named.
    Row(rpc: "Intervene", expected: [.ok, .precondition, .precondition, .denied, .denied, .notFound]) { cell in
      _ = try await cell.api.chats.intervene(InterveneRequest(chatID: cell.chat.id))
      return .ok
    },
    // The owner holds the chat already: no agent to request.
    Row(rpc: "RequestIntervention", expected: [.precondition, .denied, .denied, .denied, .denied, .notFound]) { cell in
      _ = try await cell.api.chats.requestIntervention(RequestInterventionRequest(chatID: cell.chat.id))
      return .ok
    },
    Row(rpc: "GetContact", expected: [.ok, .denied, .ok, .denied, .ok, .notFound]) { cell in
      _ = try await cell.api.contacts.getContact(GetContactRequest(contactID: cell.chat.contactID))
      return .ok
    },
    Row(rpc: "ListContacts", expected: [.listed, .unlisted, .listed, .denied, .listed, .unlisted]) { cell in
      let contacts = try await cell.api.contacts.listContacts(ListContactsRequest(page: PageRequest(pageSize: 500))).contacts
      return contacts.contains { $0.id == cell.chat.contactID } ? .listed : .unlisted
    },
    Row(rpc: "SetAttribute", expected: [.ok, .denied, .denied, .denied, .ok, .notFound]) { cell in
      _ = try await cell.api.contacts.setAttribute(SetAttributeRequest(contactID: cell.chat.contactID, key: "country", value: "BR"))
      return .ok
    },
    Row(rpc: "UpdateContact", expected: [.ok, .denied, .denied, .denied, .ok, .notFound]) { cell in
      _ = try await cell.api.contacts.updateContact(UpdateContactRequest(contactID: cell.chat.contactID, email: "maria@example.com"))
      return .ok
    },
    Row(rpc: "AddContactTag", expected: [.ok, .denied, .denied, .denied, .ok, .notFound]) { cell in
      _ = try await cell.api.tags.addContactTag(AddContactTagRequest(contactID: cell.chat.contactID, tagName: "gold", createIfMissing: true))
      return .ok
    },
    // Agents remove manual tags, API keys API tags.
    Row(rpc: "RemoveContactTag", expected: [.ok, .denied, .denied, .denied, .ok, .notFound]) { cell in
      let tag = cell.who == .adminKey || cell.who == .connector ? "crm" : "vip"
      let contact = try await cell.api.tags.removeContactTag(RemoveContactTagRequest(contactID: cell.chat.contactID, tagName: tag))
      return contact.tags.contains { $0.name == tag } ? .failed(.unknown) : .ok
    },
    Row(rpc: "ListJourney", expected: [.ok, .denied, .ok, .denied, .ok, .notFound]) { cell in
      let events = try await cell.api.journey.listJourney(ListJourneyRequest(contactID: cell.chat.contactID)).events
      return events.isEmpty ? .failed(.unknown) : .ok
    },
    Row(rpc: "WatchChat", expected: [.ok, .denied, .ok, .denied, .denied, .notFound]) { cell in
      try await cell.api.watches.watchChat(WatchChatRequest(chatID: cell.chat.id, afterSequence: 1), options: watchOptions) {
        stream in
        var events = stream.makeAsyncIterator()
        return try await events.expectNext().chat?.id == cell.chat.id ? .ok : .failed(.unknown)
      }
    },
  ]

  @Test func everyCallerGetsWhatTheAccessTableSaysOnEveryRPC() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let acme = try await desk.api(desk.operatorKey).admin.createWorkspace(CreateWorkspaceRequest(name: "Acme"))
      let grace = try await desk.signIn("Grace", role: .admin, by: desk.api(acme.adminKeySecret))
      let callers: [Who: (api: SwitchboardAPI, transferTarget: String)] = [
        .owner: (people.ada, people.bobID), .otherAgent: (people.bob, people.bobID),
        .adminAgent: (people.boss, people.bossID), .connector: (people.connector, people.bobID),
        .adminKey: (desk.admin, people.bobID), .otherWorkspace: (grace.api, grace.id),
      ]
      var number = 0
      for row in Self.rows {
        for who in Who.allCases {
          number += 1
          let user = "55119\(200_000 + number)"
          let chat = try await Self.acceptedByAda(people: people, desk: desk, user: user, number: number)
          let (api, target) = callers[who]!
          let before = try await Self.state(of: chat, seenBy: people.ada)
          let outcome: Outcome
          var message = ""
          do {
            outcome = try await row.call(Cell(api: api, who: who, chat: chat, transferTarget: target))
          } catch let error as RPCError {
            outcome = .failed(error.code)
            message = error.message
          }
          let expected = row.expected[who.rawValue]
          #expect(outcome == expected, "\(row.rpc) by \(who): \(outcome) \(message)")
          if case .failed = outcome {
            #expect(!message.isEmpty, "\(row.rpc) by \(who) failed without saying why")
            #expect(try await Self.state(of: chat, seenBy: people.ada) == before, "\(row.rpc) by \(who) failed but changed something")
            #expect(!message.contains("Maria") && !message.contains(user), "\(row.rpc) by \(who) leaks: \(message)")
            if who == .otherWorkspace {
              #expect(!message.contains("Ada"), "\(row.rpc) by \(who) leaks: \(message)")
            }
          }
        }
      }
    }
  }

  /// What a refused call must leave as it was: the chat, its messages, the contact and its
  /// journey, as the owner sees them.
  struct Snapshot: Equatable {
    let chat: Chat
    let messages: [ChatMessage]
    let contact: Contact
    let journey: [JourneyEvent]
  }

  static func state(of chat: Chat, seenBy owner: SwitchboardAPI) async throws -> Snapshot {
    Snapshot(
      chat: try await owner.chats.getChat(GetChatRequest(chatID: chat.id)),
      messages: try await owner.chats.listMessages(ListMessagesRequest(chatID: chat.id)).messages,
      contact: try await owner.contacts.getContact(GetContactRequest(contactID: chat.contactID)),
      journey: try await owner.journey.listJourney(ListJourneyRequest(contactID: chat.contactID)).events)
  }

  /// A chat from a new contact, accepted by Ada, with Ada's manual tag and the admin key's API
  /// tag on the contact.
  static func acceptedByAda(people: DeskPeople, desk: DeskHarness, user: String, number: Int) async throws -> Chat {
    let inbound = try await people.inbound("I want to talk to an agent", from: user, id: "wamid.matrix.\(number)")
    let chat = try #require(inbound.chat)
    let accepted = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))
    _ = try await people.ada.tags.addContactTag(AddContactTagRequest(contactID: chat.contactID, tagName: "vip", createIfMissing: true))
    _ = try await desk.admin.tags.addContactTag(AddContactTagRequest(contactID: chat.contactID, tagName: "crm", createIfMissing: true))
    return accepted
  }
}

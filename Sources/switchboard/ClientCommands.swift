import SwitchboardChatClient

#if canImport(Glibc)
import Glibc
#endif

/// The command-line client: each command is one or two calls through the generated client.
enum ClientCommands {
  static func main(_ arguments: [String]) async -> Int32 {
    var options = Options(arguments)
    if options.flag("--help") || options.flag("-h") {
      print(Usage.help(for: arguments.first ?? ""))
      return 0
    }
    let server = options.value("--server") ?? "127.0.0.1:7400"
    let parts = server.split(separator: ":")
    guard parts.count == 2, let port = Int(parts[1]) else { return fail("--server takes HOST:PORT; got \(server)") }
    guard let key = options.value("--key") ?? getenv("SWITCHBOARD_KEY").map({ String(cString: $0) }) else {
      return fail("give an API key or agent token with --key or $SWITCHBOARD_KEY")
    }
    let client = RPCClient(host: String(parts[0]), port: port)
    defer { client.close() }
    let api = SwitchboardAPI(client: client, secret: key)
    do {
      try await run(&options, api)
      return 0
    } catch let error as UsageError {
      return fail(error.message)
    } catch let error as RPCError {
      log("error: \(error.code): \(error.message)")
      return 1
    } catch {
      log("error: \(error)")
      return 1
    }
  }

  private static func run(_ options: inout Options, _ api: SwitchboardAPI) async throws {
    let command = options.positional()
    switch command {
    case "inbound":
      let response = try await api.chats.receiveInbound(ReceiveInboundRequest(
        waMessageID: options.value("--message-id") ?? "cli-\(UInt64.random(in: 0...UInt64.max))",
        waUserID: try options.required("--wa-user"), phone: options.value("--phone") ?? "",
        profileName: options.value("--name") ?? "", text: try options.required("--text")))
      print(response.created ? "stored" : "already received (nothing new)")
      if let chat = response.chat { print(Format.chat(chat)) }
      for reply in response.botReplies { print("  bot: \(reply.text)") }
    case "chats":
      switch options.positional() {
      case "list":
        let section = try options.value("--section").map(Format.section) ?? .unspecified
        let page = try await api.chats.listChats(ListChatsRequest(
          section: section, tag: options.value("--tag") ?? "", text: options.value("--text") ?? ""))
        if page.chats.isEmpty { print("no chats") }
        for chat in page.chats { print(Format.chat(chat)) }
      case "show":
        print(Format.chat(try await api.chats.getChat(GetChatRequest(chatID: try options.positionalRequired("CHAT")))))
      default: throw UsageError("chats takes list or show")
      }
    case "messages":
      let page = try await api.chats.listMessages(ListMessagesRequest(chatID: try options.positionalRequired("CHAT")))
      for message in page.messages.reversed() { print(Format.message(message)) }
    case "request":
      let chat = try await api.chats.requestIntervention(RequestInterventionRequest(
        chatID: try options.positionalRequired("CHAT"), reason: options.value("--reason") ?? ""))
      print(Format.chat(chat))
    case "intervene":
      print(Format.chat(try await api.chats.intervene(InterveneRequest(chatID: try options.positionalRequired("CHAT")))))
    case "send":
      let chatID = try options.positionalRequired("CHAT")
      let message = try await api.chats.sendMessage(SendMessageRequest(chatID: chatID, text: try options.positionalRequired("TEXT")))
      print(Format.message(message))
    case "resolve":
      let chat = try await api.chats.resolve(ResolveRequest(chatID: try options.positionalRequired("CHAT"), force: options.flag("--force")))
      print(Format.chat(chat))
    case "transfer":
      let chatID = try options.positionalRequired("CHAT")
      print(Format.chat(try await api.chats.transfer(TransferRequest(chatID: chatID, toAgentID: try options.positionalRequired("AGENT")))))
    case "contact":
      print(Format.contact(try await api.contacts.getContact(GetContactRequest(contactID: try options.positionalRequired("CONTACT")))))
    case "attribute":
      switch options.positional() {
      case "set":
        let contactID = try options.positionalRequired("CONTACT")
        let key = try options.positionalRequired("KEY")
        let value = try options.positionalRequired("VALUE")
        print(Format.contact(try await api.contacts.setAttribute(SetAttributeRequest(contactID: contactID, key: key, value: value))))
      case "remove":
        let contactID = try options.positionalRequired("CONTACT")
        print(Format.contact(try await api.contacts.removeAttribute(RemoveAttributeRequest(contactID: contactID, key: try options.positionalRequired("KEY")))))
      default: throw UsageError("attribute takes set or remove")
      }
    case "tags":
      switch options.positional() {
      case "list":
        for tag in try await api.tags.listTags(ListTagsRequest()).tags { print("\(tag.id)\t\(tag.name)\t\(tag.contactCount) contacts") }
      case "create":
        let tag = try await api.tags.createTag(CreateTagRequest(name: try options.positionalRequired("NAME")))
        print("\(tag.id)\t\(tag.name)")
      case "add":
        let contactID = try options.positionalRequired("CONTACT")
        let name = try options.positionalRequired("NAME")
        print(Format.contact(try await api.tags.addContactTag(AddContactTagRequest(contactID: contactID, tagName: name, createIfMissing: options.flag("--create")))))
      case "remove":
        let contactID = try options.positionalRequired("CONTACT")
        print(Format.contact(try await api.tags.removeContactTag(RemoveContactTagRequest(contactID: contactID, tagName: try options.positionalRequired("NAME")))))
      default: throw UsageError("tags takes list, create, add or remove")
      }
    case "journey":
      let page = try await api.journey.listJourney(ListJourneyRequest(contactID: try options.positionalRequired("CONTACT")))
      for event in page.events { print("\(Format.time(event.atMs))  \(event.summary)") }
    case "agents":
      switch options.positional() {
      case "list":
        for agent in try await api.admin.listAgents(ListAgentsRequest()).agents {
          print("\(agent.id)\t\(agent.name)\t\(agent.email)\t\(agent.role == .admin ? "admin" : "agent")\t\(agent.online ? "online" : "offline")")
        }
      case "create":
        let name = try options.positionalRequired("NAME")
        let email = try options.positionalRequired("EMAIL")
        let agent = try await api.admin.createAgent(CreateAgentRequest(name: name, email: email, role: options.flag("--admin") ? .admin : .agent))
        print("\(agent.id)\t\(agent.name)")
      case "token":
        let token = try await api.admin.issueAgentToken(IssueAgentTokenRequest(agentID: try options.positionalRequired("AGENT")))
        print(token.token)
      default: throw UsageError("agents takes list, create or token")
      }
    case "keys":
      switch options.positional() {
      case "create":
        let label = try options.positionalRequired("LABEL")
        let scopes = try options.remainingPositionals().map(Format.scope)
        let key = try await api.admin.createApiKey(CreateApiKeyRequest(label: label, scopes: scopes))
        print(key.secret)
      case "list":
        var page = ""
        repeat {
          let response = try await api.admin.listApiKeys(ListApiKeysRequest(page: PageRequest(pageToken: page)))
          for key in response.keys {
            print("\(key.id)\t\(key.label)\t\(key.secretPrefix)…\(key.revoked ? "\trevoked" : "")")
          }
          page = response.nextPageToken
        } while !page.isEmpty
      default: throw UsageError("keys takes create or list")
      }
    case "workspace":
      guard options.positional() == "create" else { throw UsageError("workspace takes create") }
      let created = try await api.admin.createWorkspace(CreateWorkspaceRequest(name: try options.positionalRequired("NAME")))
      print("workspace \(created.workspace?.id ?? "?"); admin key (shown once): \(created.adminKeySecret)")
    case let other:
      throw UsageError("unknown command \(other ?? "")\n\n\(Usage.overview)")
    }
  }
}

/// A mistake on the command line, printed with exit status 2.
struct UsageError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

import SwitchboardChatClient
import SwitchboardRPC

/// An admin agent of the bench's workspace on a client of its own, for work that runs beside
/// the load (watches, readers), as agents' browsers would: a server admits 100 streams per
/// connection, and sharing the load's connections would let that work hold the slots the
/// load's calls wait for.
enum BenchAgent {
  /// Creates the agent `name` with `admin`'s key and signs it in on a new client with a
  /// connection per 50 of the `calls` it will keep open at once.
  static func signIn(name: String, admin: SwitchboardAPI, port: Int, calls: Int) async throws
    -> (agent: SwitchboardAPI, client: RPCClient)
  {
    var configuration = RPCClient.Configuration()
    configuration.connections = calls / 50 + 1
    let client = RPCClient(host: "127.0.0.1", port: port, configuration: configuration)
    let email = name.lowercased().split(separator: " ").joined(separator: "-") + "@example.com"
    let created = try await admin.admin.createAgent(CreateAgentRequest(name: name, email: email, role: .admin))
    let token = try await admin.admin.issueAgentToken(IssueAgentTokenRequest(agentID: created.id, ttlMs: 86_400_000))
    return (SwitchboardAPI(client: client, secret: token.token), client)
  }
}

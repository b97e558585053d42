/// The help texts, one place, so `--help` on every command reads alike.
enum Usage {
  static let overview = """
    switchboard: the live-chat desk for WhatsApp, served over Switchboard's RPC protocol.

    Server:
      switchboard serve [--host H] [--port P] [--database FILE] [--watch-log-days D]
          Serves the chat API (default 0.0.0.0:7400, ./switchboard.sqlite). On first start it
          creates the database, a workspace "Default", and prints its admin key and the
          operator key (which creates more workspaces) once. Watches resume within D days
          (default 7).

    Client (talks to a running server; --server HOST:PORT, default 127.0.0.1:7400;
    --key SECRET or $SWITCHBOARD_KEY, an API key or agent token):
      switchboard inbound --wa-user ID [--phone +E164] [--name NAME] --text TEXT [--message-id ID]
      switchboard chats list [--section active|requested|accepted|history] [--tag T] [--text T]
      switchboard chats show CHAT
      switchboard messages CHAT
      switchboard request CHAT [--reason TEXT]
      switchboard intervene CHAT
      switchboard send CHAT TEXT
      switchboard resolve CHAT [--force]
      switchboard transfer CHAT AGENT
      switchboard contact CONTACT
      switchboard attribute set CONTACT KEY VALUE | attribute remove CONTACT KEY
      switchboard tags list | tags create NAME | tags add CONTACT NAME [--create] | tags remove CONTACT NAME
      switchboard journey CONTACT
      switchboard agents list | agents create NAME EMAIL [--admin] | agents token AGENT
      switchboard keys create LABEL SCOPE... (admin ingest delivery tags) | keys list
      switchboard workspace create NAME        (operator key)

    Every command takes --help.
    """

  /// The usage lines of one command, with the options every client command takes; the whole
  /// overview for a command it does not know.
  static func help(for command: String) -> String {
    let lines = overview.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { $0.contains("switchboard \(command) ") || $0.hasSuffix("switchboard \(command)") }
    guard !lines.isEmpty else { return overview }
    return """
      usage:
      \(lines.joined(separator: "\n"))

      Every client command takes --server HOST:PORT (default 127.0.0.1:7400) and --key SECRET
      (or $SWITCHBOARD_KEY): an API key or an agent token.
      """
  }
}

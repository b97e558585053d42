import SwitchboardChatClient
import SwitchboardRPC

/// Agents' screens open while the ingest load runs, as on a working desk: `chats` chat watches,
/// each on the chat of one of the first users, and `inboxes` inbox watches. Watches turn
/// commits into reads and events on the same two cores, so what they cost the load is worth
/// measuring.
///
/// The watches have a client of their own (``BenchAgent``).
struct OpenScreens {
  private let watching: Task<Int, Never>
  private let client: RPCClient?

  /// Opens the chats (one message from each user starts them) and starts the watches.
  static func open(
    chats: Int, inboxes: Int, admin: SwitchboardAPI, connector: SwitchboardAPI, port: Int, run: String
  ) async throws -> OpenScreens {
    guard chats + inboxes > 0 else { return OpenScreens(watching: Task { 0 }, client: nil) }
    let (agent, client) = try await BenchAgent.signIn(name: "Bench \(run)", admin: admin, port: port, calls: chats + inboxes)
    var chatIDs: [String] = []
    for user in 0..<chats {
      let opened = try await connector.chats.receiveInbound(ReceiveInboundRequest(
        waMessageID: "bench.\(run).open.\(user)", waUserID: "55119\(10_000_000 + user)", text: "hello"))
      chatIDs.append(opened.chat?.id ?? "")
    }
    let watching = Task { [chatIDs] in
      await withTaskGroup(of: Int.self) { group in
        for chatID in chatIDs {
          group.addTask {
            await count { try await agent.watches.watchChat(WatchChatRequest(chatID: chatID), options: CallOptions(), onResponse: $0) }
          }
        }
        for _ in 0..<inboxes {
          group.addTask {
            await count { try await agent.watches.watchInbox(WatchInboxRequest(), options: CallOptions(), onResponse: $0) }
          }
        }
        return await group.reduce(0, +)
      }
    }
    return OpenScreens(watching: watching, client: client)
  }

  /// Ends the watches and returns how many events they received.
  func close() async -> Int {
    watching.cancel()
    let events = await watching.value
    client?.close()
    return events
  }

  /// The events a watch receives until its task is cancelled; a watch that fails otherwise is
  /// reported, since the figures would then not be what they claim.
  private static func count<Event: Sendable>(
    _ watch: (_ onResponse: (RPCMessageStream<Event>) async throws -> Int) async throws -> Int
  ) async -> Int {
    var seen = 0
    do {
      _ = try await watch { stream in
        for try await _ in stream { seen += 1 }
        return seen
      }
    } catch let error as RPCError where error.code == .cancelled {
    } catch {
      printError("chat inbound: a watch failed: \(error)\n")
    }
    return seen
  }
}

import SwitchboardChatClient
import SwitchboardRPC

/// Agents reading their desks while the ingest load runs: each reader lists the first page of
/// the Active section and opens its newest chat, again and again, as an agent whose screen
/// refreshes does. What the issue means by "reads do not wait behind writes", measured: every
/// read runs on a reader connection while the writer commits.
///
/// The readers have a client of their own (``BenchAgent``).
struct DeskReaders {
  /// What the readers saw in the measured seconds.
  struct Tally: Sendable {
    /// Each call's latency, in nanoseconds, unsorted.
    var latencies: [UInt64] = []
    var errors = 0
  }

  private let reading: Task<Tally, Never>
  private let client: RPCClient?

  /// Starts `count` readers, signed in as an admin agent, that read until `end` and count the
  /// calls issued from `measuredFrom` on and answered by `end`.
  static func start(count: Int, admin: SwitchboardAPI, port: Int, run: String, measuredFrom: UInt64, end: UInt64)
    async throws -> DeskReaders
  {
    guard count > 0 else { return DeskReaders(reading: Task { Tally() }, client: nil) }
    let (agent, client) = try await BenchAgent.signIn(name: "Reader \(run)", admin: admin, port: port, calls: count)
    let reading = Task {
      await withTaskGroup(of: Tally.self) { group in
        for _ in 0..<count {
          group.addTask { await read(as: agent, measuredFrom: measuredFrom, end: end) }
        }
        return await group.reduce(into: Tally()) { all, one in
          all.latencies += one.latencies
          all.errors += one.errors
        }
      }
    }
    return DeskReaders(reading: reading, client: client)
  }

  /// Waits for the readers to stop at the end of the measured seconds.
  func finish() async -> Tally {
    let tally = await reading.value
    client?.close()
    return tally
  }

  /// One agent's refresh loop.
  private static func read(as agent: SwitchboardAPI, measuredFrom: UInt64, end: UInt64) async -> Tally {
    var tally = Tally()
    /// Runs one call and counts it if it falls in the measured seconds.
    func timed(_ call: () async throws -> Void) async {
      let issued = monotonicNanos()
      do {
        try await call()
        let done = monotonicNanos()
        if issued >= measuredFrom, done <= end { tally.latencies.append(done - issued) }
      } catch {
        if issued >= measuredFrom { tally.errors += 1 }
      }
    }
    while monotonicNanos() < end {
      var newest: String?
      await timed {
        let page = try await agent.chats.listChats(ListChatsRequest(section: .active, page: PageRequest(pageSize: 20)))
        newest = page.chats.first?.id
      }
      if let newest {
        await timed { _ = try await agent.chats.getChat(GetChatRequest(chatID: newest)) }
      }
    }
    return tally
  }
}

import SwitchboardHealth
import SwitchboardRPC
import Testing

/// The health service as load balancers use it: over TCP, through the generated client.
@Suite(.timeLimit(.minutes(1)))
struct HealthProviderTests {
  /// Runs `body` against a server serving `health` on a free port, then drains it.
  func withHealthServer(
    _ health: HealthProvider, _ body: (HealthClient) async throws -> Void
  ) async throws {
    let server = RPCServer(port: 0, services: [health])
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { try await server.serve() }
      let client = RPCClient(host: "127.0.0.1", port: try await server.listeningPort)
      defer { client.close() }
      do {
        try await body(HealthClient(wrapping: client))
      } catch {
        server.beginGracefulShutdown()
        throw error
      }
      server.beginGracefulShutdown()
      try await group.waitForAll()
    }
  }

  @Test func theWholeServerStartsServing() async throws {
    try await withHealthServer(HealthProvider()) { health in
      let response = try await health.check(HealthCheckRequest())
      #expect(response.status == .serving)
    }
  }

  @Test func checkReportsEachServiceAndNotFoundForUnknownOnes() async throws {
    let provider = HealthProvider()
    provider.setStatus(.notServing, forService: "switchboard.chat.v1.Chats")
    try await withHealthServer(provider) { health in
      let chats = try await health.check(HealthCheckRequest(service: "switchboard.chat.v1.Chats"))
      #expect(chats.status == .notServing)
      let error = await #expect(throws: RPCError.self) {
        try await health.check(HealthCheckRequest(service: "no.such.Service"))
      }
      #expect(error?.code == .notFound)
      #expect(error?.message.contains("no.such.Service") == true)
    }
  }

  @Test func watchSendsTheCurrentStatusThenEachChange() async throws {
    let provider = HealthProvider()
    try await withHealthServer(provider) { health in
      let seen = try await health.watch(HealthCheckRequest()) { responses in
        var statuses: [HealthCheckResponse.ServingStatus] = []
        for try await response in responses {
          statuses.append(response.status)
          if statuses.count == 1 { provider.setStatus(.notServing) }
          if statuses.count == 2 { provider.setStatus(.serving) }
          if statuses.count == 3 { break }
        }
        return statuses
      }
      #expect(seen == [.serving, .notServing, .serving])
    }
  }

  @Test func watchOfAnUnknownServiceSaysSoAndFollowsItOnceSet() async throws {
    let provider = HealthProvider()
    try await withHealthServer(provider) { health in
      let seen = try await health.watch(HealthCheckRequest(service: "later.Service")) { responses in
        var statuses: [HealthCheckResponse.ServingStatus] = []
        for try await response in responses {
          statuses.append(response.status)
          if statuses.count == 1 { provider.setStatus(.serving, forService: "later.Service") }
          if statuses.count == 2 { break }
        }
        return statuses
      }
      #expect(seen == [.serviceUnknown, .serving])
    }
  }

  @Test func markAllNotServingCoversEveryService() async throws {
    let provider = HealthProvider()
    provider.setStatus(.serving, forService: "a.A")
    provider.markAllNotServing()
    try await withHealthServer(provider) { health in
      let server = try await health.check(HealthCheckRequest())
      let service = try await health.check(HealthCheckRequest(service: "a.A"))
      #expect(server.status == .notServing)
      #expect(service.status == .notServing)
    }
  }
}

public import SwitchboardRPC
internal import Synchronization

/// The built-in health service (`switchboard.health.v1.Health`): add it to a server's services
/// so load balancers, orchestrators and the load harness can ask whether it takes traffic.
///
/// ```swift
/// let health = HealthProvider()
/// let server = RPCServer(port: 8080, services: [chats, health])
/// health.setStatus(.serving, forService: "switchboard.chat.v1.Chats")
/// // on SIGTERM, before draining:
/// health.markAllNotServing()
/// ```
///
/// The whole server (service name "") starts as serving. `Check` answers at once (`notFound`
/// for a service never set, as gRPC's health service does); `Watch` sends the current status
/// and then every change until the caller cancels, with `serviceUnknown` for a service not set
/// yet.
public final class HealthProvider: HealthService {
  private typealias Status = HealthCheckResponse.ServingStatus

  private struct Watcher {
    let service: String
    let continuation: AsyncStream<Status>.Continuation
  }

  private struct State {
    var statuses: [String: Status] = ["": .serving]
    var watchers: [Int: Watcher] = [:]
    var nextWatcher = 0
  }

  private let state = Mutex(State())

  /// Creates a provider where the whole server is serving.
  public init() {}

  /// Sets the status of `service` ("" for the whole server) and tells its watchers.
  public func setStatus(_ status: HealthCheckResponse.ServingStatus, forService service: String = "") {
    let watchers = state.withLock { state -> [Watcher] in
      state.statuses[service] = status
      return state.watchers.values.filter { $0.service == service }
    }
    for watcher in watchers { watcher.continuation.yield(status) }
  }

  /// Marks every known service, and the server, not serving: call it when shutdown begins so
  /// balancers stop sending traffic before connections drain.
  public func markAllNotServing() {
    let services = state.withLock { Array($0.statuses.keys) }
    for service in services { setStatus(.notServing, forService: service) }
  }

  /// The current status of the service named in the request.
  public func check(
    _ request: HealthCheckRequest, context: ServerContext
  ) async throws -> HealthCheckResponse {
    guard let status = state.withLock({ $0.statuses[request.service] }) else {
      throw RPCError(code: .notFound, message: "no health status is known for service \"\(request.service)\"")
    }
    return HealthCheckResponse(status: status)
  }

  /// The current status, then every change, until the caller cancels.
  public func watch(
    _ request: HealthCheckRequest, writer: RPCWriter<HealthCheckResponse>, context: ServerContext
  ) async throws {
    let (changes, continuation) = AsyncStream.makeStream(of: Status.self, bufferingPolicy: .bufferingNewest(1))
    let id = state.withLock { state -> Int in
      defer { state.nextWatcher += 1 }
      state.watchers[state.nextWatcher] = Watcher(service: request.service, continuation: continuation)
      continuation.yield(state.statuses[request.service] ?? .serviceUnknown)
      return state.nextWatcher
    }
    defer { _ = state.withLock { $0.watchers.removeValue(forKey: id) } }
    var last: Status?
    for await status in changes where status != last {
      last = status
      try await writer.write(HealthCheckResponse(status: status))
    }
  }
}

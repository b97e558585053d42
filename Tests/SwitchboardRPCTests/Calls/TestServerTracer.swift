import SwitchboardRPC

/// Logs `name in` before the rest of the chain and `name out: outcome` after it, and adds
/// its name to the `x-seen-by` metadata the handler gets.
struct TestServerTracer: ServerInterceptor {
  let name: String
  let log: TestCallLog

  func intercept(
    context: ServerContext, next: (ServerContext) async throws -> Void
  ) async throws {
    log.append("\(name) in \(context.method.path)")
    var context = context
    context.metadata.append(key: "x-seen-by", value: name)
    do {
      try await next(context)
      log.append("\(name) out: ok")
    } catch {
      log.append("\(name) out: \(RPCError.reported(for: error).code)")
      throw error
    }
  }
}

import SwitchboardRPC

/// Logs `name >` before the rest of the chain and `name <: outcome` after it, and appends its
/// name to the call's `x-client-tag` metadata.
struct TestClientTracer: ClientInterceptor {
  let name: String
  let log: TestCallLog

  func intercept<Result: Sendable>(
    method: MethodDescriptor, options: CallOptions,
    next: (CallOptions) async throws -> Result
  ) async throws -> Result {
    log.append("\(name) > \(method.path)")
    var options = options
    options.metadata.append(key: "x-client-tag", value: name)
    do {
      let result = try await next(options)
      log.append("\(name) <: ok")
      return result
    } catch {
      log.append("\(name) <: \((error as? RPCError)?.code.description ?? "\(error)")")
      throw error
    }
  }
}

import SwitchboardRPC

/// Lets only calls bearing ``token`` through; the others end with `unauthenticated`.
struct TestRequireAuthorization: ServerInterceptor {
  static let message = "send the bearer token in authorization"
  var token = "Bearer abc"

  func intercept(
    context: ServerContext, next: (ServerContext) async throws -> Void
  ) async throws {
    guard context.metadata["authorization"] == token else {
      throw RPCError(code: .unauthenticated, message: Self.message)
    }
    try await next(context)
  }
}

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

/// Fails every call before it is sent.
struct TestClientGate: ClientInterceptor {
  func intercept<Result: Sendable>(
    method: MethodDescriptor, options: CallOptions,
    next: (CallOptions) async throws -> Result
  ) async throws -> Result {
    throw RPCError(code: .failedPrecondition, message: "the client is offline")
  }
}

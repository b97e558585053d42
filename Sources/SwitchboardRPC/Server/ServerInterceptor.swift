/// Runs around every call a server handles: sees the method and metadata before the handler,
/// may reject the call, and observes how it ended.
///
/// ```swift
/// struct RequireToken: ServerInterceptor {
///   func intercept(
///     context: ServerContext, next: (ServerContext) async throws -> Void
///   ) async throws {
///     guard context.metadata["authorization"] == "Bearer secret" else {
///       throw RPCError(code: .unauthenticated, message: "send a valid bearer token")
///     }
///     try await next(context)
///   }
/// }
/// ```
///
/// Interceptors run in the order the server was given them, the first outermost. `next` runs
/// the rest of the chain and then the handler, to the end of the call, streams included; an
/// error thrown out of it is what the caller sees (through ``RPCError/reported(for:)``). Pass
/// values to handlers with a `@TaskLocal`.
public protocol ServerInterceptor: Sendable {
  /// Handles one call, calling `next` to go on with it or throwing to end it.
  func intercept(
    context: ServerContext, next: (ServerContext) async throws -> Void
  ) async throws
}

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

import SwitchboardRPC

/// Fails every call before it is sent.
struct TestClientGate: ClientInterceptor {
  func intercept<Result: Sendable>(
    method: MethodDescriptor, options: CallOptions,
    next: (CallOptions) async throws -> Result
  ) async throws -> Result {
    throw RPCError(code: .failedPrecondition, message: "the client is offline")
  }
}

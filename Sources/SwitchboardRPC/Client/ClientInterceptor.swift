/// Runs around every call a client makes: sees the method and options, may add metadata or
/// reject the call, and observes its outcome.
///
/// ```swift
/// struct AddToken: ClientInterceptor {
///   let token: String
///   func intercept<Result: Sendable>(
///     method: MethodDescriptor, options: CallOptions,
///     next: (CallOptions) async throws -> Result
///   ) async throws -> Result {
///     var options = options
///     options.metadata["authorization"] = "Bearer \(token)"
///     return try await next(options)
///   }
/// }
/// ```
///
/// Interceptors run in the order the client was given them, the first outermost. For a
/// streaming call `next` returns when the whole call, response handling included, is over.
public protocol ClientInterceptor: Sendable {
  /// Makes one call, calling `next` to go on with it or throwing to fail it.
  func intercept<Result: Sendable>(
    method: MethodDescriptor, options: CallOptions,
    next: (CallOptions) async throws -> Result
  ) async throws -> Result
}

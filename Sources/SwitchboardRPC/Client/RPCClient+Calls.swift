extension RPCClient {
  /// Makes a unary call: one request, one response.
  ///
  /// - Throws: ``RPCError`` with the handler's status, or `unavailable`, `deadlineExceeded`,
  ///   `cancelled` from the runtime.
  public func unary<Request: WireMessage, Response: WireMessage>(
    _ method: MethodDescriptor, request: Request, options: CallOptions = CallOptions()
  ) async throws -> Response {
    try await intercepted(method, options) { options in
      try await self.performUnary(method, request: request, options: options)
    }
  }

  /// Makes a server-streaming call: one request, then `onResponse` reads the responses.
  ///
  /// The call lasts as long as `onResponse`: returning early cancels it.
  public func serverStreaming<Request: WireMessage, Response: WireMessage, Result: Sendable>(
    _ method: MethodDescriptor, request: Request, options: CallOptions = CallOptions(),
    onResponse: (RPCMessageStream<Response>) async throws -> Result
  ) async throws -> Result {
    try await intercepted(method, options) { options in
      try await self.performStreaming(
        method, options: options, firstRequest: request,
        requestProducer: nil as (@Sendable (RPCWriter<Request>) async throws -> Void)?,
        onResponse: onResponse)
    }
  }

  /// Makes a client-streaming call: `requestProducer` writes the requests, then the one
  /// response is returned.
  public func clientStreaming<Request: WireMessage, Response: WireMessage>(
    _ method: MethodDescriptor, options: CallOptions = CallOptions(),
    requestProducer: @escaping @Sendable (RPCWriter<Request>) async throws -> Void
  ) async throws -> Response {
    try await intercepted(method, options) { options in
      try await self.performStreaming(
        method, options: options, firstRequest: nil, requestProducer: requestProducer
      ) { (responses: RPCMessageStream<Response>) in
        try await Self.single(responses)
      }
    }
  }

  /// Makes a bidirectional-streaming call: `requestProducer` writes requests while
  /// `onResponse` reads responses, concurrently.
  ///
  /// The call lasts as long as `onResponse`: returning early cancels it.
  public func bidirectionalStreaming<Request: WireMessage, Response: WireMessage, Result: Sendable>(
    _ method: MethodDescriptor, options: CallOptions = CallOptions(),
    requestProducer: @escaping @Sendable (RPCWriter<Request>) async throws -> Void,
    onResponse: (RPCMessageStream<Response>) async throws -> Result
  ) async throws -> Result {
    try await intercepted(method, options) { options in
      try await self.performStreaming(
        method, options: options, firstRequest: nil, requestProducer: requestProducer,
        onResponse: onResponse)
    }
  }

  /// Runs the client's interceptors around `call`, the first outermost.
  private func intercepted<Result: Sendable>(
    _ method: MethodDescriptor, _ options: CallOptions,
    _ call: (CallOptions) async throws -> Result
  ) async throws -> Result {
    try await Self.chain(configuration.interceptors[...], method, options, call)
  }

  private static func chain<Result: Sendable>(
    _ interceptors: ArraySlice<any ClientInterceptor>, _ method: MethodDescriptor,
    _ options: CallOptions, _ call: (CallOptions) async throws -> Result
  ) async throws -> Result {
    guard let first = interceptors.first else { return try await call(options) }
    return try await first.intercept(method: method, options: options) { options in
      try await chain(interceptors.dropFirst(), method, options, call)
    }
  }

  /// The one response of a client-streaming call.
  private static func single<Response>(_ responses: RPCMessageStream<Response>) async throws
    -> Response
  {
    var iterator = responses.makeAsyncIterator()
    guard let response = try await iterator.next() else {
      throw RPCError(code: .internal, message: "the server ended the call without a response")
    }
    guard try await iterator.next() == nil else {
      throw RPCError(code: .internal, message: "the server sent more than one response")
    }
    return response
  }
}

/// The methods a server serves, by path: generated services register into it, and the server
/// looks each CALL_START's method up here.
public struct RPCRouter: Sendable {
  private(set) var methods: [String: ServerMethod] = [:]

  /// Creates an empty router.
  public init() {}

  /// The methods registered so far.
  public var descriptors: [MethodDescriptor] { methods.values.map(\.descriptor) }

  /// Registers a unary method: one request in, one response out.
  public mutating func registerUnary<Request: WireMessage, Response: WireMessage>(
    _ descriptor: MethodDescriptor,
    handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
  ) {
    register(descriptor) { call, context in
      let request: Request = try call.singleRequest()
      let response = try await handler(request, context)
      try await call.send(response)
    }
  }

  /// Registers a server-streaming method: one request in, messages written to a writer.
  public mutating func registerServerStreaming<Request: WireMessage, Response: WireMessage>(
    _ descriptor: MethodDescriptor,
    handler: @escaping @Sendable (Request, RPCWriter<Response>, ServerContext) async throws -> Void
  ) {
    register(descriptor) { call, context in
      let request: Request = try call.singleRequest()
      try await handler(request, call.writer(), context)
    }
  }

  /// Registers a client-streaming method: a stream of requests in, one response out.
  public mutating func registerClientStreaming<Request: WireMessage, Response: WireMessage>(
    _ descriptor: MethodDescriptor,
    handler: @escaping @Sendable (RPCMessageStream<Request>, ServerContext) async throws -> Response
  ) {
    register(descriptor) { call, context in
      let response = try await handler(call.requests(), context)
      try await call.send(response)
    }
  }

  /// Registers a bidirectional-streaming method: streams both ways.
  public mutating func registerBidirectionalStreaming<Request: WireMessage, Response: WireMessage>(
    _ descriptor: MethodDescriptor,
    handler: @escaping @Sendable (RPCMessageStream<Request>, RPCWriter<Response>, ServerContext)
      async throws -> Void
  ) {
    register(descriptor) { call, context in
      try await handler(call.requests(), call.writer(), context)
    }
  }

  /// Registers every method of `service`.
  public mutating func register(_ service: some RPCService) {
    service.registerMethods(with: &self)
  }

  private mutating func register(
    _ descriptor: MethodDescriptor, run: @escaping @Sendable (ServerStream, ServerContext) async throws -> Void
  ) {
    // A later registration of the same path replaces the earlier, as a dictionary would; the
    // server logs nothing about it because generated services never collide.
    methods[descriptor.path] = ServerMethod(descriptor: descriptor, run: run)
  }
}

/// One registered method: its descriptor and the code that serves a call to it.
struct ServerMethod: Sendable {
  let descriptor: MethodDescriptor
  /// Reads the request(s), runs the handler, writes the response(s); throws what ends the call.
  let run: @Sendable (ServerStream, ServerContext) async throws -> Void
}

import SwitchboardGenerator
import Testing

/// The stubs generated for each kind of rpc: the server protocol's requirement and its
/// registration, the client protocol's requirement, its overload without options, and the
/// client's call into the runtime.
@Suite("Generated service stubs")
struct ServiceStubSnippetTests {
  static let schema = """
    package t;
    message Req {} message Res {}
    service Svc {
      rpc Get(Req) returns (Res);
      rpc Watch(Req) returns (stream Res);
      rpc Upload(stream Req) returns (Res);
      rpc Chat(stream Req) returns (stream Res);
    }
    """

  @Test func unary() {
    expectGenerated(Self.schema, contains: """
      func get(_ request: Req, context: SwitchboardRPC.ServerContext) async throws -> Res
      """)
    expectGenerated(Self.schema, contains: """
      router.registerUnary(Svc.Method.Get.descriptor) { request, context in
        try await self.get(request, context: context)
      }
      """)
    expectGenerated(Self.schema, contains: """
      func get(_ request: Req, options: SwitchboardRPC.CallOptions) async throws -> Res
      """)
    expectGenerated(Self.schema, contains: """
      public func get(_ request: Req) async throws -> Res {
        try await self.get(request, options: SwitchboardRPC.CallOptions())
      }
      """)
    expectGenerated(Self.schema, contains: """
      public func get(_ request: Req, options: SwitchboardRPC.CallOptions) async throws -> Res {
        try await client.unary(Svc.Method.Get.descriptor, request: request, options: options)
      }
      """)
  }

  @Test func serverStreaming() {
    expectGenerated(Self.schema, contains: """
      func watch(
        _ request: Req, writer: SwitchboardRPC.RPCWriter<Res>, context: SwitchboardRPC.ServerContext
      ) async throws
      """)
    expectGenerated(Self.schema, contains: """
      router.registerServerStreaming(Svc.Method.Watch.descriptor) { request, writer, context in
        try await self.watch(request, writer: writer, context: context)
      }
      """)
    expectGenerated(Self.schema, contains: """
      func watch<Result: Sendable>(
        _ request: Req, options: SwitchboardRPC.CallOptions,
        onResponse: (SwitchboardRPC.RPCMessageStream<Res>) async throws -> Result
      ) async throws -> Result
      """)
    expectGenerated(Self.schema, contains: """
      public func watch<Result: Sendable>(
        _ request: Req, onResponse: (SwitchboardRPC.RPCMessageStream<Res>) async throws -> Result
      ) async throws -> Result {
        try await self.watch(request, options: SwitchboardRPC.CallOptions(), onResponse: onResponse)
      }
      """)
    expectGenerated(Self.schema, contains: """
      ) async throws -> Result {
        try await client.serverStreaming(
          Svc.Method.Watch.descriptor, request: request, options: options, onResponse: onResponse
        )
      }
      """)
  }

  @Test func clientStreaming() {
    expectGenerated(Self.schema, contains: """
      func upload(
        _ requests: SwitchboardRPC.RPCMessageStream<Req>, context: SwitchboardRPC.ServerContext
      ) async throws -> Res
      """)
    expectGenerated(Self.schema, contains: """
      router.registerClientStreaming(Svc.Method.Upload.descriptor) { requests, context in
        try await self.upload(requests, context: context)
      }
      """)
    expectGenerated(Self.schema, contains: """
      func upload(
        options: SwitchboardRPC.CallOptions,
        requestProducer: @escaping @Sendable (SwitchboardRPC.RPCWriter<Req>) async throws -> Void
      ) async throws -> Res
      """)
    expectGenerated(Self.schema, contains: """
      public func upload(
        requestProducer: @escaping @Sendable (SwitchboardRPC.RPCWriter<Req>) async throws -> Void
      ) async throws -> Res {
        try await self.upload(options: SwitchboardRPC.CallOptions(), requestProducer: requestProducer)
      }
      """)
    expectGenerated(Self.schema, contains: """
      ) async throws -> Res {
        try await client.clientStreaming(
          Svc.Method.Upload.descriptor, options: options, requestProducer: requestProducer
        )
      }
      """)
  }

  @Test func bidirectionalStreaming() {
    expectGenerated(Self.schema, contains: """
      func chat(
        _ requests: SwitchboardRPC.RPCMessageStream<Req>, writer: SwitchboardRPC.RPCWriter<Res>,
        context: SwitchboardRPC.ServerContext
      ) async throws
      """)
    expectGenerated(Self.schema, contains: """
      router.registerBidirectionalStreaming(Svc.Method.Chat.descriptor) { requests, writer, context in
        try await self.chat(requests, writer: writer, context: context)
      }
      """)
    expectGenerated(Self.schema, contains: """
      func chat<Result: Sendable>(
        options: SwitchboardRPC.CallOptions,
        requestProducer: @escaping @Sendable (SwitchboardRPC.RPCWriter<Req>) async throws -> Void,
        onResponse: (SwitchboardRPC.RPCMessageStream<Res>) async throws -> Result
      ) async throws -> Result
      """)
    expectGenerated(Self.schema, contains: """
      ) async throws -> Result {
        try await self.chat(
          options: SwitchboardRPC.CallOptions(), requestProducer: requestProducer,
          onResponse: onResponse
        )
      }
      """)
    expectGenerated(Self.schema, contains: """
      ) async throws -> Result {
        try await client.bidirectionalStreaming(
          Svc.Method.Chat.descriptor, options: options, requestProducer: requestProducer,
          onResponse: onResponse
        )
      }
      """)
  }

  @Test func theClientWrapsAnRPCClient() {
    expectGenerated(Self.schema, contains: """
      /// Calls `t.Svc` through an `RPCClient`: `SvcClient(wrapping: client)`.
      public struct SvcClient: SvcClientProtocol {
        /// The runtime client that makes the calls.
        public let client: SwitchboardRPC.RPCClient

        /// Creates a client of `t.Svc` that calls through `client`.
        public init(wrapping client: SwitchboardRPC.RPCClient) {
          self.client = client
        }
      """)
  }

  @Test func schemaCommentsBecomeDocsAndMissingOnesGetADefault() {
    let schema = """
      package t;
      message Req {}
      // Sends things.
      service Svc {
        // Fetches one.
        rpc Get(Req) returns (Req);
        rpc Put(Req) returns (Req) { option deprecated = true; }
      }
      """
    expectGenerated(schema, contains: """
      /// Sends things.
      ///
      /// The server side of `t.Svc`: implement its methods and pass the value to an `RPCServer`.
      public protocol SvcService: SwitchboardRPC.RPCService {
        /// Fetches one.
        func get(_ request: Req, context: SwitchboardRPC.ServerContext) async throws -> Req

        /// Serves `t.Svc/Put`: one request, one response.
        ///
        /// - Note: Deprecated in the schema.
        func put(_ request: Req, context: SwitchboardRPC.ServerContext) async throws -> Req
      }
      """)
    expectGenerated(schema, contains: """
      /// Sends things.
      ///
      /// The calls of `t.Svc`, made by `SvcClient`, or by a fake in tests.
      public protocol SvcClientProtocol: Sendable {
        /// Fetches one.
        func get(_ request: Req, options: SwitchboardRPC.CallOptions) async throws -> Req

        /// Calls `t.Svc/Put`: one request, one response.
        ///
        /// - Note: Deprecated in the schema.
        func put(_ request: Req, options: SwitchboardRPC.CallOptions) async throws -> Req
      }
      """)
    expectGenerated(schema, contains: """
      /// Fetches one.
      ///
      /// Makes the call with the default options.
      public func get(_ request: Req) async throws -> Req {
      """)
    expectGenerated(schema, contains: """
      /// Sends things.
      ///
      /// Calls `t.Svc` through an `RPCClient`: `SvcClient(wrapping: client)`.
      public struct SvcClient: SvcClientProtocol {
      """)
  }

  @Test func methodNamesAreLowerCamelCaseWithKeywordsEscaped() {
    let schema = "message M {}\nservice S { rpc Default(M) returns (M); rpc list_all(M) returns (M); }"
    expectGenerated(schema, contains: """
      func `default`(_ request: M, context: SwitchboardRPC.ServerContext) async throws -> M
      """)
    expectGenerated(schema, contains: """
        try await self.`default`(request, context: context)
      """)
    expectGenerated(schema, contains: """
        try await self.`default`(request, options: SwitchboardRPC.CallOptions())
      """)
    expectGenerated(schema, contains: """
      func listAll(_ request: M, options: SwitchboardRPC.CallOptions) async throws -> M
      """)
  }

  @Test func aMessageNamedResultRenamesTheGenericParameter() {
    expectGenerated("message M {} message Result {}\nservice S { rpc Run(M) returns (stream Result); }", contains: """
      func run<CallResult: Sendable>(
        _ request: M, options: SwitchboardRPC.CallOptions,
        onResponse: (SwitchboardRPC.RPCMessageStream<Result>) async throws -> CallResult
      ) async throws -> CallResult
      """)
  }

  @Test(arguments: [("internal", ""), ("package", "package ")])
  func stubsTakeTheConfiguredVisibility(visibility: String, keyword: String) throws {
    let level = try #require(SwiftGenerator.Options.Visibility(rawValue: visibility))
    let schema = "message M {}\nservice S { rpc Get(M) returns (M); }"
    expectGenerated(schema, contains: "\(keyword)protocol SService: SwitchboardRPC.RPCService {", visibility: level)
    expectGenerated(schema, contains: "  \(keyword)func registerMethods(with router: inout SwitchboardRPC.RPCRouter) {", visibility: level)
    expectGenerated(schema, contains: "\(keyword)protocol SClientProtocol: Sendable {", visibility: level)
    expectGenerated(schema, contains: "  \(keyword)func get(_ request: M) async throws -> M {", visibility: level)
    expectGenerated(schema, contains: "\(keyword)struct SClient: SClientProtocol {", visibility: level)
    expectGenerated(schema, contains: "  \(keyword)let client: SwitchboardRPC.RPCClient", visibility: level)
    expectGenerated(schema, contains: "  \(keyword)init(wrapping client: SwitchboardRPC.RPCClient) {", visibility: level)
  }
}

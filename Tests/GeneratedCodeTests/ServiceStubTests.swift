import EverythingSchema
import Synchronization
import SwitchboardRPC
import Testing

/// The stubs generated for `service Everything`, used as application code uses them: code that
/// calls the service takes `some EverythingClientProtocol`, so a hand-written fake stands in for
/// `EverythingClient` in its tests; an implementation of `EverythingService` registers each rpc
/// under its descriptor. No transport is involved.
@Suite("Service stubs in use")
struct ServiceStubTests {
  // MARK: Client side

  /// Code under test: it knows only the protocol.
  static func greeting(from client: some EverythingClientProtocol, for contact: Contact) async throws -> String {
    try await client.unary(contact).name
  }

  static func labels(from client: some EverythingClientProtocol, below contact: Contact) async throws -> [String] {
    try await client.serverStream(contact) { nodes in
      var labels: [String] = []
      for try await node in nodes { labels.append(node.label) }
      return labels
    }
  }

  static func upload(_ labels: [String], to client: some EverythingClientProtocol) async throws -> Contact {
    try await client.clientStream { writer in
      try await writer.write(contentsOf: labels.map { Node(label: $0) })
    }
  }

  static func rally(_ depths: [Int32], with client: some EverythingClientProtocol) async throws -> [Int32] {
    try await client.bidirectional { writer in
      for depth in depths { try await writer.write(Ping(depth: depth)) }
    } onResponse: { pongs in
      var returned: [Int32] = []
      for try await pong in pongs { returned.append(pong.ping?.depth ?? -1) }
      return returned
    }
  }

  @Test func aFakeStandsInForTheClientInUnaryCalls() async throws {
    let fake = FakeEverythingClient()
    let name = try await Self.greeting(from: fake, for: Contact(waID: "4915112345678", name: "Ada"))
    #expect(name == "Hello, Ada")
    #expect(fake.calls == ["unary"])
  }

  @Test func aFakeStandsInForTheClientInServerStreamingCalls() async throws {
    let labels = try await Self.labels(from: FakeEverythingClient(), below: Contact(name: "root"))
    #expect(labels == ["root/1", "root/2", "root/3"])
  }

  @Test func aFakeStandsInForTheClientInClientStreamingCalls() async throws {
    let fake = FakeEverythingClient()
    let contact = try await Self.upload(["a", "b", "c"], to: fake)
    #expect(contact.name == "a,b,c")
    #expect(fake.calls == ["clientStream"])
  }

  @Test func aFakeStandsInForTheClientInBidirectionalCalls() async throws {
    let returned = try await Self.rally([1, 2, 3], with: FakeEverythingClient())
    #expect(returned == [2, 3, 4])
  }

  @Test func theOverloadsWithoutOptionsPassTheDefaults() async throws {
    let fake = FakeEverythingClient()
    _ = try await fake.unary(Contact())
    var options = CallOptions(timeout: .seconds(3))
    options.metadata["authorization"] = "Bearer token"
    _ = try await fake.unary(Contact(), options: options)
    #expect(fake.options.map(\.timeout) == [nil, .seconds(3)])
    #expect(fake.options.map { $0.metadata["authorization"] } == [nil, "Bearer token"])
  }

  // MARK: Server side

  @Test func aServiceRegistersEveryRpcUnderItsDescriptor() {
    var router = RPCRouter()
    EverythingProvider().registerMethods(with: &router)
    let registered = router.descriptors.sorted { $0.path < $1.path }
    #expect(registered == Everything.Method.descriptors.sorted { $0.path < $1.path })
    #expect(Dictionary(uniqueKeysWithValues: registered.map { ($0.method, $0.kind) }) == [
      "Unary": .unary,
      "ServerStream": .serverStreaming,
      "ClientStream": .clientStreaming,
      "Bidirectional": .bidirectionalStreaming,
    ])
    #expect(registered.map(\.path).contains("switchboard.test.Everything/ServerStream"))
  }

  @Test func theRouterRegistersAServiceThroughItsProtocol() {
    var router = RPCRouter()
    router.register(EverythingProvider())
    #expect(Set(router.descriptors) == Set(Everything.Method.descriptors))
  }

  @Test func handlersServeEachKindWhenCalledDirectly() async throws {
    let provider = EverythingProvider()
    let context = ServerContext(method: Everything.Method.ServerStream.descriptor)
    let written = Mutex<[String]>([])
    try await provider.serverStream(
      Contact(name: "n"), writer: RPCWriter { node in written.withLock { $0.append(node.label) } },
      context: context)
    #expect(written.withLock { $0 } == ["n/1", "n/2", "n/3"])

    let joined = try await provider.clientStream(
      RPCMessageStream(elements: [Node(label: "x"), Node(label: "y")]), context: context)
    #expect(joined.name == "x,y")

    let depths = Mutex<[Int32]>([])
    try await provider.bidirectional(
      RPCMessageStream(elements: [Ping(depth: 7)]),
      writer: RPCWriter { pong in depths.withLock { $0.append(pong.ping?.depth ?? -1) } },
      context: context)
    #expect(depths.withLock { $0 } == [8])
  }
}

/// The behaviour both the fake client and the provider share, so each side is checked against
/// the same answers.
enum EverythingBehaviour {
  static func greet(_ contact: Contact) -> Contact {
    var reply = contact
    reply.name = "Hello, \(contact.name)"
    return reply
  }

  static func children(of contact: Contact) -> [Node] {
    (1...3).map { Node(label: "\(contact.name)/\($0)") }
  }

  static func join(_ nodes: RPCMessageStream<Node>) async throws -> Contact {
    var labels: [String] = []
    for try await node in nodes { labels.append(node.label) }
    return Contact(name: labels.joined(separator: ","))
  }

  static func answer(_ ping: Ping) -> Pong {
    Pong(ping: Ping(depth: ping.depth + 1))
  }
}

/// A hand-written client: answers from memory and records what it was asked.
final class FakeEverythingClient: EverythingClientProtocol {
  private let log = Mutex<(calls: [String], options: [CallOptions])>(([], []))

  /// The methods called, in order.
  var calls: [String] { log.withLock { $0.calls } }
  /// The options of each call, in order.
  var options: [CallOptions] { log.withLock { $0.options } }

  private func record(_ call: String, _ options: CallOptions) {
    log.withLock {
      $0.calls.append(call)
      $0.options.append(options)
    }
  }

  func unary(_ request: Contact, options: CallOptions) async throws -> Contact {
    record("unary", options)
    return EverythingBehaviour.greet(request)
  }

  func serverStream<Result: Sendable>(
    _ request: Contact, options: CallOptions,
    onResponse: (RPCMessageStream<Node>) async throws -> Result
  ) async throws -> Result {
    record("serverStream", options)
    return try await onResponse(RPCMessageStream(elements: EverythingBehaviour.children(of: request)))
  }

  func clientStream(
    options: CallOptions, requestProducer: @escaping @Sendable (RPCWriter<Node>) async throws -> Void
  ) async throws -> Contact {
    record("clientStream", options)
    let sent = Mutex<[Node]>([])
    try await requestProducer(RPCWriter { node in sent.withLock { $0.append(node) } })
    return try await EverythingBehaviour.join(RPCMessageStream(elements: sent.withLock { $0 }))
  }

  func bidirectional<Result: Sendable>(
    options: CallOptions, requestProducer: @escaping @Sendable (RPCWriter<Ping>) async throws -> Void,
    onResponse: (RPCMessageStream<Pong>) async throws -> Result
  ) async throws -> Result {
    record("bidirectional", options)
    let sent = Mutex<[Ping]>([])
    try await requestProducer(RPCWriter { ping in sent.withLock { $0.append(ping) } })
    return try await onResponse(RPCMessageStream(elements: sent.withLock { $0 }.map(EverythingBehaviour.answer)))
  }
}

/// A hand-written implementation of the service.
struct EverythingProvider: EverythingService {
  func unary(_ request: Contact, context: ServerContext) async throws -> Contact {
    EverythingBehaviour.greet(request)
  }

  func serverStream(_ request: Contact, writer: RPCWriter<Node>, context: ServerContext) async throws {
    try await writer.write(contentsOf: EverythingBehaviour.children(of: request))
  }

  func clientStream(_ requests: RPCMessageStream<Node>, context: ServerContext) async throws -> Contact {
    try await EverythingBehaviour.join(requests)
  }

  func bidirectional(
    _ requests: RPCMessageStream<Ping>, writer: RPCWriter<Pong>, context: ServerContext
  ) async throws {
    for try await ping in requests { try await writer.write(EverythingBehaviour.answer(ping)) }
  }
}

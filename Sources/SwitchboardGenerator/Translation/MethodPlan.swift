import SwitchboardIDL

/// An rpc as the stubs see it: its Swift name, its kind, and the types and descriptor they name.
struct MethodPlan {
  /// How many messages go each way, named as `MethodDescriptor.Kind` names its cases.
  enum Kind: String {
    case unary, serverStreaming, clientStreaming, bidirectionalStreaming

    init(clientStreaming: Bool, serverStreaming: Bool) {
      switch (clientStreaming, serverStreaming) {
      case (false, false): self = .unary
      case (false, true): self = .serverStreaming
      case (true, false): self = .clientStreaming
      case (true, true): self = .bidirectionalStreaming
      }
    }

    /// The `RPCRouter` method that registers a handler of this kind.
    var registration: String { "register" + rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// What flows, for default documentation.
    var summary: String {
      switch self {
      case .unary: "one request, one response"
      case .serverStreaming: "one request, a stream of responses"
      case .clientStreaming: "a stream of requests, one response"
      case .bidirectionalStreaming: "streams both ways"
      }
    }

    var streamsRequests: Bool { self == .clientStreaming || self == .bidirectionalStreaming }
    var streamsResponses: Bool { self == .serverStreaming || self == .bidirectionalStreaming }
  }

  var method: Method
  var kind: Kind
  /// The method name in the stubs, escaped where needed: `check`.
  var name: String
  /// The request and response types as top-level declarations name them.
  var input: String
  var output: String
  /// The expression naming the descriptor: `Health.Method.Check.descriptor`.
  var descriptor: String
  /// The generic parameter for what a response handler returns: `Result`, unless a message of
  /// that name would be shadowed by it.
  var result: String
  /// The path, for documentation: `switchboard.health.v1.Health/Check`.
  var path: String

  init(_ method: Method, of service: Service, namespace: String, context: TranslationContext) {
    self.method = method
    kind = Kind(clientStreaming: method.clientStreaming, serverStreaming: method.serverStreaming)
    name = SwiftNames.methodName(method.name)
    input = context.names.reference(to: method.inputType, from: [])
    output = context.names.reference(to: method.outputType, from: [])
    descriptor = "\(namespace).Method.\(SwiftNames.typeName(method.name, suffix: "Method")).descriptor"
    let taken = Set([input, output].map { $0.prefix { $0 != "." } })
    var result = "Result"
    while taken.contains(Substring(result)) { result = "Call" + result }
    self.result = result
    path = "\(service.fullName)/\(method.name)"
  }

  /// The rpc's schema documentation, or `fallback` when it has none, then the paragraph
  /// `more` if given, then the deprecation note.
  func documentation(or fallback: String, more: [String] = []) -> [String] {
    let text = method.documentation ?? fallback
    let lines = more.isEmpty ? text : text + "\n\n" + more.joined(separator: "\n")
    return TranslationContext.documentation(lines, deprecated: method.isDeprecated)
  }
}

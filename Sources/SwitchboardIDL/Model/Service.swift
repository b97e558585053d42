/// A `service` declaration.
public struct Service: Sendable, Hashable {
  /// The name as declared (`Chats`).
  public var name: String
  /// The fully qualified name (`switchboard.chat.Chats`), which prefixes method paths.
  public var fullName: String
  /// The comment block above the declaration, or `nil`.
  public var documentation: String?
  /// The rpcs, in declaration order.
  public var methods: [Method]
  /// Whether `option deprecated = true;` was set.
  public var isDeprecated: Bool
  /// Where the name was declared.
  public var location: SourceLocation

  /// Creates a service.
  public init(
    name: String,
    fullName: String,
    documentation: String? = nil,
    methods: [Method] = [],
    isDeprecated: Bool = false,
    location: SourceLocation
  ) {
    self.name = name
    self.fullName = fullName
    self.documentation = documentation
    self.methods = methods
    self.isDeprecated = isDeprecated
    self.location = location
  }
}

/// One `rpc` of a service.
public struct Method: Sendable, Hashable {
  /// The name as declared (`Intervene`).
  public var name: String
  /// The request message's fully qualified name.
  public var inputType: String
  /// The response message's fully qualified name.
  public var outputType: String
  /// Whether the request is `stream`.
  public var clientStreaming: Bool
  /// Whether the response is `stream`.
  public var serverStreaming: Bool
  /// The comment block above the rpc, or `nil`.
  public var documentation: String?
  /// Whether `option deprecated = true;` was set in the rpc's body.
  public var isDeprecated: Bool
  /// Where the name was declared.
  public var location: SourceLocation

  /// Creates a method.
  public init(
    name: String,
    inputType: String,
    outputType: String,
    clientStreaming: Bool = false,
    serverStreaming: Bool = false,
    documentation: String? = nil,
    isDeprecated: Bool = false,
    location: SourceLocation
  ) {
    self.name = name
    self.inputType = inputType
    self.outputType = outputType
    self.clientStreaming = clientStreaming
    self.serverStreaming = serverStreaming
    self.documentation = documentation
    self.isDeprecated = isDeprecated
    self.location = location
  }
}

@_exported public import SwitchboardRPC

/// Every service of the chat API behind one connection pool, with the caller's credentials
/// sent on every call: what another Swift service holds to talk to Switchboard.
///
/// ```swift
/// let switchboard = SwitchboardAPI(
///   client: RPCClient(host: "switchboard.internal", port: 7400), secret: apiKey)
/// let chats = try await switchboard.chats.listChats(ListChatsRequest(section: .requested))
/// ```
public struct SwitchboardAPI: Sendable {
  /// The runtime client every service client calls through.
  public let client: RPCClient
  /// The chat desk: inbound messages, interventions, agent messages, lists.
  public let chats: ChatsClient
  /// User profiles and attributes.
  public let contacts: ContactsClient
  /// The tag catalog and tags on contacts.
  public let tags: TagsClient
  /// The customer journey.
  public let journey: JourneyClient
  /// Bulk campaigns.
  public let campaigns: CampaignsClient
  /// The chatbot's configuration.
  public let bot: BotClient
  /// The delivery connector's outbox and statuses.
  public let delivery: DeliveryClient
  /// Workspaces, agents and keys.
  public let admin: AdminClient
  /// Real-time updates.
  public let watches: WatchesClient
  /// Desk metrics.
  public let metrics: MetricsClient

  /// Wraps `client`; with a `secret` (an API key or agent token) every call carries
  /// `authorization: Bearer <secret>` unless its options say otherwise.
  public init(client: RPCClient, secret: String? = nil) {
    let authorized = secret.map { RPCClient(sharing: client, interceptors: [BearerCredentials(secret: $0)]) } ?? client
    self.client = authorized
    chats = ChatsClient(wrapping: authorized)
    contacts = ContactsClient(wrapping: authorized)
    tags = TagsClient(wrapping: authorized)
    journey = JourneyClient(wrapping: authorized)
    campaigns = CampaignsClient(wrapping: authorized)
    bot = BotClient(wrapping: authorized)
    delivery = DeliveryClient(wrapping: authorized)
    admin = AdminClient(wrapping: authorized)
    watches = WatchesClient(wrapping: authorized)
    metrics = MetricsClient(wrapping: authorized)
  }
}

/// Adds `authorization: Bearer <secret>` to calls that carry no authorization of their own.
public struct BearerCredentials: ClientInterceptor {
  /// The API key or agent token.
  public let secret: String

  /// Sends `secret` with every call.
  public init(secret: String) {
    self.secret = secret
  }

  /// Adds the credentials, then makes the call.
  public func intercept<Result: Sendable>(
    method: MethodDescriptor, options: CallOptions,
    next: (CallOptions) async throws -> Result
  ) async throws -> Result {
    guard options.metadata["authorization"] == nil else { return try await next(options) }
    var options = options
    options.metadata["authorization"] = "Bearer \(secret)"
    return try await next(options)
  }
}

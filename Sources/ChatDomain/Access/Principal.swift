/// The stable identifier of an API key.
public struct APIKeyID: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral,
  CustomStringConvertible
{
  /// The stored form.
  public var rawValue: String

  /// Wraps a stored identifier.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Wraps a literal identifier.
  public init(stringLiteral value: String) { self.rawValue = value }

  /// The stored form.
  public var description: String { rawValue }
}

/// What a person of the workspace may do beyond working chats.
public enum Role: String, Hashable, Sendable, CaseIterable {
  /// Manages tags, agents, the bot and campaigns; reads every chat; may force-resolve and
  /// transfer chats other agents hold. An admin also works chats like an agent.
  case admin
  /// Works chats: intervenes, talks to users, resolves, tags and edits contacts.
  case agent
}

/// What an API key may do; a key holds a set of them.
public enum APIScope: String, Hashable, Sendable, CaseIterable {
  /// Hand inbound WhatsApp messages to Switchboard (the delivery connector).
  case ingest
  /// Watch the outbox of messages to deliver (the delivery connector).
  case outbox
  /// Report delivery statuses (the delivery connector).
  case statuses
  /// Add and remove API tags on contacts (other services).
  case tags
}

/// Who is calling, as authenticated by the service: a person with a role, or an API key with
/// scopes.
public enum Principal: Hashable, Sendable, CustomStringConvertible {
  /// A person of the workspace, signed in with an agent token.
  case member(Agent, role: Role)
  /// A service, calling with an API key.
  case apiKey(APIKeyID, scopes: Set<APIScope>)

  /// An agent who is not an admin.
  public static func agent(_ agent: Agent) -> Principal { .member(agent, role: .agent) }

  /// An admin.
  public static func admin(_ agent: Agent) -> Principal { .member(agent, role: .admin) }

  /// The person behind the call, or `nil` for an API key.
  public var agent: Agent? {
    if case .member(let agent, _) = self { agent } else { nil }
  }

  /// Whether the caller is an admin.
  public var isAdmin: Bool {
    if case .member(_, role: .admin) = self { true } else { false }
  }

  /// The actor journey events record for changes this caller makes.
  public var actor: JourneyActor {
    switch self {
    case .member(let agent, _): .agent(agent.id)
    case .apiKey(let id, _): .apiKey(id)
    }
  }

  /// `agent Ada`, `admin Grace`, `API key k1`: how messages name the caller.
  public var description: String {
    switch self {
    case .member(let agent, .agent): "agent \(agent.name)"
    case .member(let agent, .admin): "admin \(agent.name)"
    case .apiKey(let id, _): "API key \(id)"
    }
  }
}

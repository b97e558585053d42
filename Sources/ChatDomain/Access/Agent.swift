/// The stable identifier of an agent (a person of the workspace, admin or not), as the service
/// stores it.
public struct AgentID: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral,
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

/// An agent as rules need one: who (to compare) and the name a person reads in messages such
/// as "agent Ada holds this chat".
public struct Agent: Hashable, Sendable, CustomStringConvertible {
  /// The agent's identifier; two agents are the same person when their identifiers are equal.
  public var id: AgentID
  /// The agent's display name.
  public var name: String

  /// Creates an agent.
  public init(id: AgentID, name: String) {
    self.id = id
    self.name = name
  }

  /// `agent Ada`, how messages name an agent.
  public var description: String { "agent \(name)" }
}

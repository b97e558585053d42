/// What a caller may do with a chat, from nothing to everything.
///
/// | section | owner | other agent | admin | API key |
/// |---|---|---|---|---|
/// | Active, Requested | | write | write | none |
/// | Accepted | write | none | read | none |
/// | History | | read | read | none |
///
/// *Read* is seeing the chat in lists and watches and reading its messages and contact.
/// *Write* is changing things through it: intervening, tagging and editing the contact. Sending
/// messages has its own rules on top (``Chat/send(_:at:policy:)``). Admins read chats others
/// hold, and act on them only through ``Chat/resolve(by:force:at:)`` with force and
/// ``Chat/transfer(to:by:at:)`` (to themselves, to write in them). API keys never read chats:
/// they ingest, watch the outbox, report statuses and tag contacts (see ``Permission``).
public enum ChatAccess: Int, Hashable, Comparable, Sendable, CaseIterable {
  /// The chat is not listed and every call on it is refused.
  case none
  /// The chat is listed and readable.
  case read
  /// The chat can also be worked.
  case write

  public static func < (lhs: ChatAccess, rhs: ChatAccess) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Chat {
  /// What `principal` may do with this chat; see ``ChatAccess`` for the table.
  public func access(for principal: Principal) -> ChatAccess {
    guard let agent = principal.agent else { return .none }
    switch state {
    case .active, .requested: return .write
    case .history: return .read
    case .accepted(let owner, _) where owner.id == agent.id: return .write
    case .accepted: return principal.isAdmin ? .read : .none
    }
  }

  /// Whether the chat appears in `principal`'s lists and watches.
  public func isListed(for principal: Principal) -> Bool {
    access(for: principal) >= .read
  }

  /// Checks that `principal` may read the chat.
  ///
  /// - Throws: ``DomainError/Kind/permissionDenied`` naming the holder, or why API keys cannot.
  public func authorizeRead(by principal: Principal) throws(DomainError) {
    guard access(for: principal) < .read else { return }
    throw denial(for: principal, doing: "read")
  }

  /// Checks that `principal` may work the chat (intervene, tag and edit the contact).
  ///
  /// - Throws: ``DomainError/Kind/permissionDenied`` naming the holder, or
  ///   ``DomainError/Kind/failedPrecondition`` for a chat in History, read-only until the user
  ///   writes again.
  public func authorizeWrite(by principal: Principal) throws(DomainError) {
    guard access(for: principal) < .write else { return }
    if section == .history, principal.agent != nil {
      throw .failedPrecondition(
        "the chat is \(whereItIs); it is read-only until the user writes again")
    }
    throw denial(for: principal, doing: "work")
  }

  private func denial(for principal: Principal, doing verb: String) -> DomainError {
    guard principal.agent != nil, let owner else {
      return .permissionDenied("\(principal) may not \(verb) chats: sign in as an agent")
    }
    if principal.isAdmin {
      return .permissionDenied(
        "\(owner) holds this chat: admins read it, and act on it only by resolving it with force "
          + "or transferring it to themselves")
    }
    return .permissionDenied(
      "\(owner) holds this chat: only \(owner.name) sees it until it is resolved or transferred")
  }
}

import SwitchboardRPC
import Synchronization

/// The server interceptor that turns `authorization: Bearer <secret>` into a ``Caller`` for
/// the handler (`Caller.current`), or fails the call with `unauthenticated` before any
/// handler runs. Health checks pass without credentials.
///
/// Resolved credentials are cached by the header that presented them, so a known caller costs
/// one dictionary lookup rather than a SHA-256 of its secret (a twentieth of an inbound
/// call's CPU). The cache holds secrets the process receives on every call anyway, never
/// writes them anywhere, and is bounded; revoking a key or agent clears it so the change takes
/// effect on the next call.
final class Authenticator: ServerInterceptor {
  /// Looks a secret's digest up in storage: nil when no live key or token has it.
  typealias Lookup = @Sendable (_ digest: [UInt8], _ kind: Secrets.Kind, _ now: Int64) async throws -> (Caller, expiresAt: Int64?)?

  private let lookup: Lookup
  private let now: @Sendable () -> Int64
  private let cache = Mutex<[String: (Caller, expiresAt: Int64?)]>([:])

  /// The most headers the cache holds; past that it starts over. Only headers that
  /// authenticated get in, but one secret can be written many ways (spaces around it).
  static let cacheLimit = 4_096

  init(now: @escaping @Sendable () -> Int64, lookup: @escaping Lookup) {
    self.now = now
    self.lookup = lookup
  }

  func intercept(
    context: ServerContext, next: (ServerContext) async throws -> Void
  ) async throws {
    if context.method.path.hasPrefix("switchboard.health.") { return try await next(context) }
    let caller = try await authenticate(context.metadata["authorization"])
    try await Caller.$current.withValue(caller) { try await next(context) }
  }

  /// The caller a credential stands for.
  func authenticate(_ header: String?) async throws -> Caller {
    guard let header, !header.isEmpty else {
      throw ServiceError.unauthenticated("this call needs `authorization: Bearer <API key or agent token>` metadata")
    }
    guard header.hasPrefix("Bearer ") else {
      throw ServiceError.unauthenticated("the authorization metadata must read `Bearer <secret>`")
    }
    let time = now()
    if let (caller, expiresAt) = cache.withLock({ $0[header] }), expiresAt.map({ $0 > time }) ?? true {
      return caller
    }
    let secret = String(header.dropFirst(7)).trimmingWhitespace()
    guard let kind = Secrets.kind(of: secret) else {
      throw ServiceError.unauthenticated("the secret is neither an API key (sbk_…) nor an agent token (sbt_…)")
    }
    guard let (caller, expiresAt) = try await lookup(Secrets.digest(secret), kind, time) else {
      throw ServiceError.unauthenticated(
        kind == .apiKey ? "this API key is unknown or revoked" : "this agent token is unknown or expired; ask an admin for a new one")
    }
    cache.withLock { cache in
      if cache.count >= Self.cacheLimit { cache.removeAll() }
      cache[header] = (caller, expiresAt)
    }
    return caller
  }

  /// Forgets every cached credential, after a key is revoked or an agent changes.
  func invalidate() {
    cache.withLock { $0.removeAll() }
  }
}

extension String {
  /// The text without leading and trailing spaces, tabs and newlines.
  func trimmingWhitespace() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
    return String(self[start...end])
  }
}

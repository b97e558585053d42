@testable import ChatService
import Synchronization
import Testing

/// The authenticator looks a credential up once and then answers from its cache, until the
/// credential expires, the cache is cleared by a revocation, or the cache fills up.
@Suite(.timeLimit(.minutes(1)))
struct AuthenticatorCacheTests {
  /// An authenticator whose storage knows one key and one token (expiring at 1,000), and
  /// counts how often it is asked.
  final class Storage: Sendable {
    let key = Secrets.mint(.apiKey)
    let token = Secrets.mint(.agentToken)
    let lookups = Mutex(0)
    let time = Mutex<Int64>(0)

    func authenticator() -> Authenticator {
      let (key, token) = (Secrets.digest(key), Secrets.digest(token))
      return Authenticator(now: { self.time.withLock { $0 } }) { digest, _, _ in
        self.lookups.withLock { $0 += 1 }
        if digest == key { return (Caller(workspaceID: 1, identity: .apiKey(id: 7, label: "connector", scopes: [.ingest])), nil) }
        if digest == token { return (Caller(workspaceID: 1, identity: .agent(id: 3, name: "Ana", isAdmin: false)), 1_000) }
        return nil
      }
    }
  }

  @Test func aKnownHeaderIsLookedUpOnceUntilTheCacheIsCleared() async throws {
    let storage = Storage()
    let authenticator = storage.authenticator()
    for _ in 0..<3 {
      #expect(try await authenticator.authenticate("Bearer \(storage.key)").workspaceID == 1)
    }
    #expect(storage.lookups.withLock { $0 } == 1)
    // The same secret written another way is its own entry, and still the same caller.
    #expect(try await authenticator.authenticate("Bearer  \(storage.key) ") == authenticator.authenticate("Bearer \(storage.key)"))
    #expect(storage.lookups.withLock { $0 } == 2)
    authenticator.invalidate()
    _ = try await authenticator.authenticate("Bearer \(storage.key)")
    #expect(storage.lookups.withLock { $0 } == 3)
  }

  @Test func anExpiredTokenIsLookedUpAgainAndUnknownSecretsAreNeverCached() async throws {
    let storage = Storage()
    let authenticator = storage.authenticator()
    _ = try await authenticator.authenticate("Bearer \(storage.token)")
    _ = try await authenticator.authenticate("Bearer \(storage.token)")
    #expect(storage.lookups.withLock { $0 } == 1)
    storage.time.withLock { $0 = 1_000 }
    _ = try await authenticator.authenticate("Bearer \(storage.token)")  // expired in the cache: asked again
    #expect(storage.lookups.withLock { $0 } == 2)

    let unknown = "Bearer \(Secrets.mint(.apiKey))"
    for _ in 0..<2 {
      await #expect(throws: ServiceError.self) { try await authenticator.authenticate(unknown) }
    }
    #expect(storage.lookups.withLock { $0 } == 4)
  }

  @Test func theCacheStartsOverWhenFull() async throws {
    let storage = Storage()
    let authenticator = storage.authenticator()
    _ = try await authenticator.authenticate("Bearer \(storage.key)")
    // Spaces after the secret make new headers for the same caller, one entry each.
    for padding in 1..<Authenticator.cacheLimit {
      _ = try await authenticator.authenticate("Bearer \(storage.key)" + String(repeating: " ", count: padding))
    }
    let filled = storage.lookups.withLock { $0 }
    #expect(filled == Authenticator.cacheLimit)
    _ = try await authenticator.authenticate("Bearer \(storage.key)" + String(repeating: " ", count: Authenticator.cacheLimit))
    _ = try await authenticator.authenticate("Bearer \(storage.key)")  // dropped when the cache started over
    #expect(storage.lookups.withLock { $0 } == filled + 2)
  }
}

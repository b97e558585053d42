import ChatDomain
import Testing

/// A fixed moment tests start from: 2025-02-19T21:20:00.000Z.
let t0 = Timestamp(millisecondsSinceEpoch: 1_740_000_000_000)

let ada = Agent(id: "a1", name: "Ada")
let grace = Agent(id: "a2", name: "Grace")
let barbara = Agent(id: "a3", name: "Barbara")
let connectorKey = Principal.apiKey("k1", scopes: [.ingest, .outbox, .statuses])
let tagsKey = Principal.apiKey("k2", scopes: [.tags])

extension Duration {
  static func minutes(_ count: Int64) -> Duration { .seconds(count * 60) }
  static func hours(_ count: Int64) -> Duration { .seconds(count * 3600) }
}

/// A chat restored in `state`, whose user last wrote at `lastInboundAt`.
func makeChat(_ state: ChatState, version: Int64 = 10, lastInboundAt: Timestamp = t0) -> Chat {
  Chat(state: state, version: version, lastInboundAt: lastInboundAt, lastMessageAt: lastInboundAt)
}

/// Runs `body`, which must throw a ``DomainError`` of `kind` whose message holds each fragment.
@discardableResult
func expectRefusal(
  _ kind: DomainError.Kind,
  mentioning fragments: String...,
  sourceLocation: SourceLocation = #_sourceLocation,
  _ body: () throws -> Void
) -> DomainError? {
  do {
    try body()
    Issue.record("expected a \(kind) error, but nothing was thrown", sourceLocation: sourceLocation)
    return nil
  } catch let error as DomainError {
    #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
    for fragment in fragments {
      #expect(
        error.message.contains(fragment), "'\(fragment)' not in: \(error.message)",
        sourceLocation: sourceLocation)
    }
    return error
  } catch {
    Issue.record("expected a DomainError, got \(error)", sourceLocation: sourceLocation)
    return nil
  }
}

/// The event kinds of `events`, for comparisons that do not care about time and actor.
func kinds(_ events: [JourneyEvent]) -> [JourneyEvent.Kind] { events.map(\.kind) }

@testable import ChatService
import ChatDomain
import Testing

/// The memory of returning users' states: bounded, and never going back to an older chat.
@Suite struct InboundStateCacheTests {
  func state(version: Int64) throws -> InboundState {
    let contact = ChatDomain.Contact(whatsAppID: try WhatsAppUserID("5511999990000"))
    let (chat, _) = ChatDomain.Chat.start(at: Timestamp(millisecondsSinceEpoch: 0))
    return InboundState(
      contactRecord: ContactRecord(
        id: 1, workspaceID: 1, waUserID: "5511999990000", name: "", phone: "", email: "", extraDetails: [:],
        createdAt: 0, firstSeenAt: 0, lastSeenAt: 0, messageCount: 0, interventionCount: 0, version: 0),
      record: ChatRecord(
        id: 1, workspaceID: 1, contactID: 1, section: .active, ownerAgentID: nil, lastMessageAt: 0, lastInboundAt: 0,
        preview: "", requestedAt: 0, breached: false, version: version, createdAt: 0, botState: nil,
        lastInterventionVersion: 0, acceptedAt: 0, messageCount: 0),
      contact: contact, chat: chat, tagNames: [])
  }

  func key(_ user: Int) -> InboundStateCache.Key {
    InboundStateCache.Key(workspaceID: 1, waUserID: "user.\(user)")
  }

  @Test func aLaterChatVersionIsNeverReplacedByAnEarlierOne() throws {
    let cache = InboundStateCache()
    cache.remember(try state(version: 3), for: key(1))
    cache.remember(try state(version: 2), for: key(1))
    #expect(cache.state(for: key(1))?.record.version == 3)
    cache.remember(try state(version: 4), for: key(1))
    #expect(cache.state(for: key(1))?.record.version == 4)
    cache.forget(key(1))
    #expect(cache.state(for: key(1)) == nil)
    #expect(cache.state(for: InboundStateCache.Key(workspaceID: 2, waUserID: "user.1")) == nil)
  }

  @Test func itHoldsAtMostTwoGenerationsAndKeepsTheRecentOnes() throws {
    let cache = InboundStateCache(capacity: 3)
    for user in 0..<7 { cache.remember(try state(version: 1), for: key(user)) }
    // 0, 1, 2 filled a generation, 3, 4, 5 the next, and 6 started a third: 0 to 2 are gone.
    #expect(cache.count == 4)
    #expect((0..<3).allSatisfy { cache.state(for: key($0)) == nil })
    #expect((3..<7).allSatisfy { cache.state(for: key($0)) != nil })
  }
}

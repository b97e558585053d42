@testable import ChatService
import ChatDomain
import Synchronization
import Testing

/// The cache of workspaces' rules keeps nothing read before a change it was told of.
@Suite(.timeLimit(.minutes(1)))
struct WorkspaceRulesTests {
  func entry(_ fallback: String) -> WorkspaceRules.Entry {
    var bot = BotConfiguration.default
    bot.fallbackReply = fallback
    return WorkspaceRules.Entry(
      policy: ChatPolicy(historyAfter: .seconds(86_400), serviceWindow: .seconds(86_400), interventionTarget: .seconds(60)),
      bot: CompiledBot(bot))
  }

  @Test func rulesReadBeforeAChangeAreUsedOnceAndNotKept() async throws {
    let rules = WorkspaceRules()
    let (reading, reader) = AsyncStream<Void>.makeStream()
    let (release, releaser) = AsyncStream<Void>.makeStream()
    // A read of the old rules that is still running when the change is committed...
    let slow = Task {
      try await rules.entry(1) {
        reader.yield()
        for await _ in release { break }
        return entry("old")
      }
    }
    for await _ in reading { break }
    rules.forget(1)
    releaser.yield()
    #expect(try await slow.value.bot.configuration.fallbackReply == "old")
    // ...is not what the next message gets.
    let next = try await rules.entry(1) { entry("new") }
    #expect(next.bot.configuration.fallbackReply == "new")
    // An undisturbed read is kept.
    let kept = try await rules.entry(1) { entry("not read again") }
    #expect(kept.bot.configuration.fallbackReply == "new")
  }
}

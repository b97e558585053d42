import ChatDomain
import Testing

@Suite("Bot configurations are checked before they are saved")
struct BotConfigurationTests {
  static func valid() -> BotConfiguration {
    BotConfiguration(
      intents: [BotIntent(name: "hi", keywords: ["hi"], reply: "Hello!")],
      handoffPhrases: ["agent"], handoffReply: "One moment.", fallbackReply: "Sorry?",
      maxConsecutiveUnmatched: 3, giveUpReply: "Getting someone.")
  }

  @Test("the default configuration is valid and hands over in several languages")
  func defaultIsValid() throws {
    try BotConfiguration.default.validate()
    #expect(BotConfiguration.default.maxConsecutiveUnmatched == 3)
    for phrase in ["agent", "human", "atendente", "humano"] {
      #expect(BotConfiguration.default.handoffPhrases.contains(phrase))
    }
  }

  /// A valid configuration broken one way, and what the refusal must say.
  static func broken() -> [(BotConfiguration, String)] {
    func with(_ change: (inout BotConfiguration) -> Void) -> BotConfiguration {
      var config = valid()
      change(&config)
      return config
    }
    let email = CollectStep(field: .profile(.email), question: "Email?", answer: .email)
    return [
      (with { $0.intents[0].keywords = [] }, "intent 'hi' has no keyword or pattern"),
      (with { $0.intents[0].keywords = ["?!"] }, "keyword '?!', which has no word"),
      (with { $0.intents[0].patterns = ["* *"] }, "pattern '* *', which has no word"),
      (with { $0.intents[0].reply = " " }, "neither a reply nor steps"),
      (with { $0.intents[0].reply = "Hi {{First}}" }, "the reply of intent 'hi'"),
      (with { $0.intents[0].name = "" }, "intent 1 has no name"),
      (
        with { $0.intents.append(BotIntent(name: "HI", keywords: ["yo"], reply: "x")) },
        "intent 'HI' has the same name"
      ),
      (with { $0.handoffPhrases = [] }, "at least one handoff phrase"),
      (with { $0.handoffPhrases = ["agent", "!"] }, "handoff phrase '!' has no word"),
      (with { $0.fallbackReply = "" }, "the fallback reply is empty"),
      (
        with { $0.giveUpReply = String(repeating: "x", count: 5000) },
        "give-up reply is over 4096 bytes"
      ),
      (with { $0.maxConsecutiveUnmatched = 0 }, "must be at least 1"),
      (
        with { $0.intents[0].collect = [email, email] },
        "step 2 of intent 'hi' stores email, which an earlier step stores"
      ),
      (
        with {
          $0.intents[0].collect = [
            CollectStep(field: .profile(.phone), question: "Phone?", answer: .number)
          ]
        }, "phone needs the kind 'phone'"
      ),
      (
        with {
          $0.intents[0].collect = [
            CollectStep(field: .profile(.name), question: " ", answer: .text)
          ]
        }, "the question of step 1 of intent 'hi' is empty"
      ),
    ]
  }

  @Test("each kind of problem is refused with what to fix", arguments: broken())
  func problems(config: BotConfiguration, fragment: String) {
    expectRefusal(.invalidArgument, mentioning: "the bot configuration has a problem", fragment) {
      try config.validate()
    }
  }

  @Test("every problem is reported at once")
  func allProblems() {
    var config = Self.valid()
    config.intents[0].keywords = []
    config.handoffPhrases = []
    config.maxConsecutiveUnmatched = -1
    expectRefusal(
      .invalidArgument, mentioning: "has 3 problems", "no keyword", "handoff phrase", "-1"
    ) {
      try config.validate()
    }
  }
}

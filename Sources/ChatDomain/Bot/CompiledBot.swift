/// A bot configuration compiled for answering: its handoff phrases, keywords and patterns
/// folded and split into words once, for every message it then answers.
///
/// Build one when a workspace's configuration is loaded and keep it with the configuration;
/// ``Bot/respond(to:state:bot:contact:)`` then does no compiling and takes no lock.
public struct CompiledBot: Sendable {
  /// The configuration it answers with.
  public let configuration: BotConfiguration
  let handoffPhrases: [TextPattern]
  let intents: [Intent]

  /// An intent's matchers, in the configuration's order.
  struct Intent: Sendable {
    var keywords: [TextPattern]
    var patterns: [TextPattern]
    /// Whether the intent has a reply to send (it may only collect).
    var hasReply: Bool

    /// Whether a keyword occurs in `words` or a pattern covers them.
    func matches(_ words: [String]) -> Bool {
      keywords.contains { $0.occurs(in: words) } || patterns.contains { $0.matches(words) }
    }
  }

  /// Compiles `configuration`.
  public init(_ configuration: BotConfiguration) {
    self.configuration = configuration
    handoffPhrases = configuration.handoffPhrases.map(TextPattern.init(phrase:))
    intents = configuration.intents.map { intent in
      Intent(
        keywords: intent.keywords.map(TextPattern.init(phrase:)),
        patterns: intent.patterns.map(TextPattern.init(pattern:)),
        hasReply: !intent.reply.trimmed.isEmpty)
    }
  }
}

/// Where the bot is in its conversation with one chat's user; kept in ``Chat/botState``.
public struct BotState: Hashable, Sendable {
  /// A question the bot asked and waits for the answer to.
  public struct Collecting: Hashable, Sendable {
    /// The ``BotIntent/name`` of the intent whose steps are being asked.
    public var intent: String
    /// The index of the step asked, in the intent's ``BotIntent/collect``.
    public var step: Int

    /// Creates a position.
    public init(intent: String, step: Int) {
      self.intent = intent
      self.step = step
    }
  }

  /// How many messages in a row the bot did not understand (invalid answers included).
  public var consecutiveUnmatched: Int
  /// The question waiting for an answer, if any.
  public var collecting: Collecting?

  /// Creates a state; the defaults are a fresh conversation.
  public init(consecutiveUnmatched: Int = 0, collecting: Collecting? = nil) {
    self.consecutiveUnmatched = consecutiveUnmatched
    self.collecting = collecting
  }
}

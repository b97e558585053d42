/// A workspace's rule-based chatbot: what it answers, when it hands over to a human, and what it
/// collects.
///
/// Matching ignores case, accents and punctuation: `Olá!` matches the keyword `ola`, and the
/// handoff phrase `falar com alguém` matches `Quero FALAR com alguem`. For each message the bot
/// tries, in order: a handoff phrase; the answer to the question it asked; the intents in the
/// order given (the first match wins); the fallback. Admins change it with
/// ``Permission/manageBot``; the service checks it with ``validate()`` before saving it.
public struct BotConfiguration: Hashable, Sendable {
  /// What the bot recognises and answers, tried in order.
  public var intents: [BotIntent]
  /// Words or phrases that ask for a human, matched as whole words anywhere in a message.
  public var handoffPhrases: [String]
  /// The reply to a handoff phrase, as the chat moves to Requested.
  public var handoffReply: String
  /// The reply to a message nothing matched.
  public var fallbackReply: String
  /// How many messages in a row the bot may fail to understand before it asks for a human: the
  /// message that reaches the limit gets ``giveUpReply`` instead of ``fallbackReply``.
  public var maxConsecutiveUnmatched: Int
  /// The reply when the bot gives up, as the chat moves to Requested.
  public var giveUpReply: String

  /// Creates a configuration.
  public init(
    intents: [BotIntent],
    handoffPhrases: [String],
    handoffReply: String,
    fallbackReply: String,
    maxConsecutiveUnmatched: Int,
    giveUpReply: String
  ) {
    self.intents = intents
    self.handoffPhrases = handoffPhrases
    self.handoffReply = handoffReply
    self.fallbackReply = fallbackReply
    self.maxConsecutiveUnmatched = maxConsecutiveUnmatched
    self.giveUpReply = giveUpReply
  }
}

/// Something the bot recognises, and its answer.
public struct BotIntent: Hashable, Sendable {
  /// A name for people and the bot's state (unique in a configuration, ignoring case).
  public var name: String
  /// Words or phrases, any of which matches when it appears as whole words anywhere in the
  /// message: `opening hours` matches `what are your opening hours?`.
  public var keywords: [String]
  /// Patterns the whole message must match: words, where `*` alone stands for any number of
  /// words and `*` inside a word for any letters. `when * open*` matches `When do you open?`
  /// and `when are you opening`, but not `when do you open today` (add ` *` for that).
  public var patterns: [String]
  /// The answer, a ``MessageTemplate`` filled from the contact (`Hello {{name|there}}!`); may be
  /// empty when the intent only collects.
  public var reply: String
  /// Questions asked after the reply, one message at a time, to collect fields of the contact.
  /// Steps whose field the contact already has are skipped.
  public var collect: [CollectStep]

  /// Creates an intent.
  public init(
    name: String,
    keywords: [String] = [],
    patterns: [String] = [],
    reply: String,
    collect: [CollectStep] = []
  ) {
    self.name = name
    self.keywords = keywords
    self.patterns = patterns
    self.reply = reply
    self.collect = collect
  }
}

/// A question whose answer the bot validates and stores in a field of the contact.
public struct CollectStep: Hashable, Sendable {
  /// Where the answer goes: a profile field or an attribute.
  public var field: ContactField
  /// The question, a ``MessageTemplate``.
  public var question: String
  /// What a valid answer is.
  public var answer: AnswerKind
  /// Said before the question again when an answer is not valid; `nil` for the answer kind's
  /// own hint.
  public var hint: String?
  /// Said once the answer is stored, a ``MessageTemplate`` that sees the stored value
  /// (`Thanks, we will write to {{email}}.`); `nil` to say nothing.
  public var confirmation: String?

  /// Creates a step.
  public init(
    field: ContactField,
    question: String,
    answer: AnswerKind,
    hint: String? = nil,
    confirmation: String? = nil
  ) {
    self.field = field
    self.question = question
    self.answer = answer
    self.hint = hint
    self.confirmation = confirmation
  }
}

/// What the bot accepts as the answer to a question.
public enum AnswerKind: String, Hashable, Sendable, CaseIterable {
  /// An ``EmailAddress``.
  case email
  /// A ``PhoneNumber`` in E.164 form.
  case phone
  /// A number such as `42`, `-3` or `2,5` (stored as `2.5`).
  case number
  /// Any text that fits the field.
  case text

  /// What the bot says before asking again when no ``CollectStep/hint`` is configured.
  public var defaultHint: String {
    switch self {
    case .email: "That doesn't look like an email address (like name@example.com)."
    case .phone:
      "That doesn't look like a phone number: write + and the country code, like +5511912345678."
    case .number: "Please answer with a number, like 42."
    case .text: "Please answer with a few words."
    }
  }
}

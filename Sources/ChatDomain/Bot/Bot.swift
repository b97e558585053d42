/// The rule-based chatbot, as a pure function of the message, its state and its configuration.
public enum Bot {
  /// Decides the bot's answer to one message of the user.
  ///
  /// In order: a handoff phrase requests an agent (abandoning any question); an answer to the
  /// pending question is validated and stored, or refused with a hint and the question again;
  /// the first intent whose keyword or pattern matches answers, then asks its first step whose
  /// field the contact lacks; otherwise the fallback. Unmatched messages and invalid answers
  /// count towards ``BotConfiguration/maxConsecutiveUnmatched``; the one that reaches it gets
  /// ``BotConfiguration/giveUpReply`` and requests an agent. Replies are rendered as
  /// ``MessageTemplate``s for the contact, including what this message stored.
  ///
  /// The configuration is assumed valid (``BotConfiguration/validate()``); a reply that is not
  /// a valid template is sent as written.
  public static func respond(
    to text: String,
    state: BotState,
    configuration: BotConfiguration,
    contact: Contact
  ) -> BotDecision {
    respond(to: text, state: state, bot: CompiledBot(configuration), contact: contact)
  }

  /// Decides the bot's answer to one message of the user, with a configuration compiled
  /// beforehand: the same decision as ``respond(to:state:configuration:contact:)``, without
  /// compiling the configuration's phrases for each message.
  public static func respond(
    to text: String,
    state: BotState,
    bot: CompiledBot,
    contact: Contact
  ) -> BotDecision {
    let configuration = bot.configuration
    let words = TextFolding.words(in: text)
    if bot.handoffPhrases.contains(where: { $0.occurs(in: words) }) {
      return BotDecision(
        replies: [render(configuration.handoffReply, for: contact)],
        intervention: .user,
        state: BotState())
    }
    var state = state
    if let collecting = state.collecting {
      if let intent = configuration.intents.first(where: { $0.name == collecting.intent }),
        intent.collect.indices.contains(collecting.step)
      {
        return answer(
          text, to: intent, step: collecting.step, state: state,
          configuration: configuration, contact: contact)
      }
      state.collecting = nil  // left by a configuration that has changed since
    }
    if let index = bot.intents.firstIndex(where: { $0.matches(words) }) {
      let intent = configuration.intents[index]
      var replies: [String] = []
      if bot.intents[index].hasReply { replies.append(render(intent.reply, for: contact)) }
      var next = BotState()
      if let step = intent.nextStep(from: 0, for: contact) {
        replies.append(render(intent.collect[step].question, for: contact))
        next.collecting = .init(intent: intent.name, step: step)
      }
      return BotDecision(replies: replies, state: next, matchedIntent: intent.name)
    }
    return unmatched(state: state, configuration: configuration, contact: contact) {
      [render(configuration.fallbackReply, for: contact)]
    }
  }

  /// Takes `text` as the answer to `intent`'s step `index`.
  private static func answer(
    _ text: String,
    to intent: BotIntent,
    step index: Int,
    state: BotState,
    configuration: BotConfiguration,
    contact: Contact
  ) -> BotDecision {
    let step = intent.collect[index]
    guard let value = step.validatedAnswer(text) else {
      var retry = state
      retry.collecting = .init(intent: intent.name, step: index)
      return unmatched(state: retry, configuration: configuration, contact: contact) {
        let hint = render(step.hint ?? step.answer.defaultHint, for: contact)
        return ["\(hint) \(render(step.question, for: contact))"]
      }
    }
    var updated = contact
    _ = try? updated.set(step.field, to: value, by: .bot, at: .epoch)
    var replies: [String] = []
    if let confirmation = step.confirmation { replies.append(render(confirmation, for: updated)) }
    var next = BotState()
    if let following = intent.nextStep(from: index + 1, for: updated) {
      replies.append(render(intent.collect[following].question, for: updated))
      next.collecting = .init(intent: intent.name, step: following)
    }
    return BotDecision(
      replies: replies,
      updates: [FieldUpdate(field: step.field, value: value)],
      state: next,
      matchedIntent: intent.name)
  }

  /// A message the bot could not use: `replies` unless it reaches the limit, then give up.
  private static func unmatched(
    state: BotState,
    configuration: BotConfiguration,
    contact: Contact,
    replies: () -> [String]
  ) -> BotDecision {
    var next = state
    next.consecutiveUnmatched += 1
    guard next.consecutiveUnmatched < configuration.maxConsecutiveUnmatched else {
      return BotDecision(
        replies: [render(configuration.giveUpReply, for: contact)],
        intervention: .bot,
        state: BotState())
    }
    return BotDecision(replies: replies(), state: next)
  }

  /// `text` as a template for `contact`, or as written if it is not a valid template.
  static func render(_ text: String, for contact: Contact) -> String {
    MessageTemplate.cached(text)?.render(for: contact) ?? text
  }
}

extension BotIntent {
  /// The first step from `index` on whose field `contact` lacks.
  func nextStep(from index: Int, for contact: Contact) -> Int? {
    collect.indices.dropFirst(index).first { contact.value(of: collect[$0].field) == nil }
  }
}

extension CollectStep {
  /// The value `text` gives the field, or `nil` when it is not a valid answer.
  func validatedAnswer(_ text: String) -> String? {
    let answer: String?
    switch self.answer {
    case .email: answer = try? EmailAddress(text).rawValue
    case .phone: answer = try? PhoneNumber(text).rawValue
    case .number: answer = Self.number(text)
    case .text: answer = text.trimmed
    }
    return answer.flatMap { try? field.validated($0) }
  }

  /// `42`, `-3`, `2.5` or `2,5` (as `2.5`); `nil` for anything else.
  static func number(_ text: String) -> String? {
    var number = text.trimmed
    if number.first == "+" { number.removeFirst() }
    let unsigned = number.first == "-" ? number.dropFirst() : Substring(number)
    let parts = unsigned.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
    guard (1...2).contains(parts.count),
      parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      number.utf8.count <= 64
    else { return nil }
    return (number.first == "-" ? "-" : "") + parts.joined(separator: ".")
  }
}

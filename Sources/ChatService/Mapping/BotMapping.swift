import ChatDomain
import SwitchboardChatClient

/// The API's bot configuration and the domain's, both ways.
extension SwitchboardChatClient.BotConfiguration {
  /// The domain's configuration, its fields checked (invalidArgument naming the first bad one
  /// and where it is, as the domain's validation names intents and steps).
  func domain() throws -> ChatDomain.BotConfiguration {
    let configuration = ChatDomain.BotConfiguration(
      intents: try intents.enumerated().map { intentIndex, intent in
        ChatDomain.BotIntent(
          name: intent.name, keywords: intent.keywords, patterns: intent.patterns, reply: intent.reply,
          collect: try intent.collect.enumerated().map { stepIndex, step in
            let field: ContactField
            do {
              field = try ContactField(key: step.field)
            } catch let error as DomainError {
              let label = intent.name.isEmpty ? "intent \(intentIndex + 1)" : "intent '\(intent.name)'"
              throw DomainError(error.kind, "the field of step \(stepIndex + 1) of \(label): \(error.message)")
            }
            return ChatDomain.CollectStep(
              field: field, question: step.question, answer: step.answer.domain,
              hint: step.hint.isEmpty ? nil : step.hint, confirmation: step.confirmation.isEmpty ? nil : step.confirmation)
          })
      },
      handoffPhrases: handoffPhrases, handoffReply: handoffReply, fallbackReply: fallbackReply,
      maxConsecutiveUnmatched: Int(maxConsecutiveUnmatched), giveUpReply: giveUpReply)
    try configuration.validate()
    return configuration
  }
}

extension ChatDomain.BotConfiguration {
  /// The API's view.
  var api: SwitchboardChatClient.BotConfiguration {
    SwitchboardChatClient.BotConfiguration(
      intents: intents.map { intent in
        SwitchboardChatClient.BotIntent(
          name: intent.name, keywords: intent.keywords, patterns: intent.patterns, reply: intent.reply,
          collect: intent.collect.map { step in
            BotCollectStep(
              field: step.field.key, question: step.question, answer: step.answer.api, hint: step.hint ?? "",
              confirmation: step.confirmation ?? "")
          })
      },
      handoffPhrases: handoffPhrases, handoffReply: handoffReply, fallbackReply: fallbackReply,
      maxConsecutiveUnmatched: Int32(clamping: maxConsecutiveUnmatched), giveUpReply: giveUpReply)
  }
}

extension BotCollectStep.AnswerKind {
  var domain: AnswerKind {
    switch self {
    case .email: .email
    case .phone: .phone
    case .number: .number
    default: .text
    }
  }
}

extension AnswerKind {
  var api: BotCollectStep.AnswerKind {
    switch self {
    case .email: .email
    case .phone: .phone
    case .number: .number
    case .text: .text
    }
  }
}

extension BotConfiguration {
  /// Checks the configuration before it is saved, reporting every problem at once.
  ///
  /// Refused: no handoff phrase; a blank or overlong reply, or one that is not a valid
  /// ``MessageTemplate``; ``maxConsecutiveUnmatched`` below 1; an intent without a name, with a
  /// name another intent has, with nothing to match, with a blank keyword or a pattern without
  /// a word, or with neither reply nor steps; a step without a question, storing the same field
  /// as an earlier step of its intent, or whose answer kind cannot fill its field (the name
  /// needs text, the phone a phone number, the email an email address).
  ///
  /// - Throws: ``DomainError/Kind/invalidArgument`` listing the problems.
  public func validate() throws(DomainError) {
    var problems: [String] = []
    if handoffPhrases.isEmpty {
      problems.append(
        "add at least one handoff phrase, such as 'agent', so users can ask for a human")
    }
    for phrase in handoffPhrases where !TextPattern(phrase: phrase).hasLiteral {
      problems.append("the handoff phrase \(phrase.quoted) has no word to match")
    }
    problems += Self.replyProblems(handoffReply, "the handoff reply")
    problems += Self.replyProblems(fallbackReply, "the fallback reply")
    problems += Self.replyProblems(giveUpReply, "the give-up reply")
    if maxConsecutiveUnmatched < 1 {
      problems.append(
        "the limit of unmatched messages is \(maxConsecutiveUnmatched); it must be at least 1")
    }
    var names: Set<String> = []
    for (index, intent) in intents.enumerated() {
      let label =
        intent.name.trimmed.isEmpty ? "intent \(index + 1)" : "intent \(intent.name.quoted)"
      if intent.name.trimmed.isEmpty {
        problems.append("\(label) has no name")
      } else if !names.insert(intent.name.lowercased()).inserted {
        problems.append("\(label) has the same name as an earlier intent")
      }
      problems += intent.problems(label)
    }
    guard problems.isEmpty else {
      throw .invalidArgument(
        "the bot configuration has \(problems.count == 1 ? "a problem" : "\(problems.count) problems"): "
          + problems.joined(separator: "; "))
    }
  }

  /// What is wrong with a reply or question, named `label` in messages.
  static func replyProblems(_ text: String, _ label: String, mayBeEmpty: Bool = false) -> [String] {
    if text.trimmed.isEmpty {
      return mayBeEmpty ? [] : ["\(label) is empty"]
    }
    if text.utf8.count > MessageText.maxBytes {
      return ["\(label) is over \(MessageText.maxBytes) bytes, WhatsApp's limit"]
    }
    do {
      _ = try MessageTemplate(text)
      return []
    } catch {
      return ["\(label): \(error.message)"]
    }
  }
}

extension BotIntent {
  /// What is wrong with the intent, named `label` in messages.
  func problems(_ label: String) -> [String] {
    var problems: [String] = []
    if keywords.isEmpty && patterns.isEmpty {
      problems.append("\(label) has no keyword or pattern to match")
    }
    for keyword in keywords where !TextPattern(phrase: keyword).hasLiteral {
      problems.append("\(label) has the keyword \(keyword.quoted), which has no word to match")
    }
    for pattern in patterns where !TextPattern(pattern: pattern).hasLiteral {
      problems.append(
        "\(label) has the pattern \(pattern.quoted), which has no word to match (a pattern of "
          + "only * would match every message)")
    }
    if reply.trimmed.isEmpty && collect.isEmpty {
      problems.append("\(label) has neither a reply nor steps to collect")
    }
    problems += BotConfiguration.replyProblems(reply, "the reply of \(label)", mayBeEmpty: true)
    var fields: Set<ContactField> = []
    for (index, step) in collect.enumerated() {
      let stepLabel = "step \(index + 1) of \(label)"
      if !fields.insert(step.field).inserted {
        problems.append("\(stepLabel) stores \(step.field), which an earlier step stores already")
      }
      problems += BotConfiguration.replyProblems(step.question, "the question of \(stepLabel)")
      if let hint = step.hint {
        problems += BotConfiguration.replyProblems(hint, "the hint of \(stepLabel)")
      }
      if let confirmation = step.confirmation {
        problems += BotConfiguration.replyProblems(confirmation, "the confirmation of \(stepLabel)")
      }
      let needed: AnswerKind? =
        switch step.field {
        case .profile(.name): .text
        case .profile(.phone): .phone
        case .profile(.email): .email
        case .attribute: nil
        }
      if let needed, needed != step.answer {
        problems.append(
          "\(stepLabel) stores \(step.field) from an answer of kind '\(step.answer.rawValue)'; "
            + "\(step.field) needs the kind '\(needed.rawValue)'")
      }
    }
    return problems
  }
}

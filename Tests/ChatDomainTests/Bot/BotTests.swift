import ChatDomain
import Testing

@Suite("The rule-based bot")
struct BotTests {
  static let config = BotConfiguration.default

  static func ana() throws -> Contact {
    Contact(whatsAppID: try WhatsAppUserID("5511912345678"), name: try DisplayName("Ana"))
  }

  static func respond(
    _ text: String, state: BotState = BotState(), contact: Contact? = nil
  ) throws -> BotDecision {
    Bot.respond(to: text, state: state, configuration: config, contact: try contact ?? ana())
  }

  @Test(
    "intents match ignoring case, accents and punctuation",
    arguments: [
      ("hello", "greeting"), ("OLÁ!!", "greeting"), ("Bom dia, tudo bem?", "greeting"),
      ("Qual o horário de funcionamento?", "opening hours"), ("When do you open?", "opening hours"),
      ("when are you OPENING", "opening hours"), ("Are you open on Sunday?", "opening hours"),
      ("Muito obrigada", "thanks"), ("I want the NEWSLETTER", "news"),
    ])
  func intents(text: String, intent: String) throws {
    let decision = try Self.respond(text)
    #expect(decision.matchedIntent == intent)
    #expect(decision.intervention == nil)
  }

  @Test("a keyword matches whole words only, and a pattern the whole message")
  func wholeWords() throws {
    #expect(try Self.respond("this is high").matchedIntent == nil)
    #expect(try Self.respond("when do you open tomorrow").matchedIntent == nil)
  }

  @Test("a phrase matches where its words come in a row, after a start that did not finish")
  func phraseAfterAFalseStart() throws {
    let phrases = ["talk to a human", "falar com alguém"]
    var config = Self.config
    config.handoffPhrases = phrases
    let bot = CompiledBot(config)
    let contact = try Self.ana()
    for text in ["talk to me, talk to a human", "falar falar com alguem!", "Talk To A Human"] {
      #expect(Bot.respond(to: text, state: BotState(), bot: bot, contact: contact).intervention == .user, "\(text)")
    }
    for text in ["talk to a", "human a to talk", "falar com"] {
      #expect(Bot.respond(to: text, state: BotState(), bot: bot, contact: contact).intervention == nil, "\(text)")
    }
  }

  @Test("replies are filled from the contact")
  func placeholders() throws {
    #expect(try Self.respond("hi").replies.first?.hasPrefix("Hello Ana!") == true)
    let nameless = Contact(whatsAppID: try WhatsAppUserID("1"))
    #expect(
      try Self.respond("hi", contact: nameless).replies.first?.hasPrefix("Hello there!") == true)
  }

  @Test(
    "handoff phrases request an agent on the user's behalf",
    arguments: [
      "agent", "I want to talk to a HUMAN please", "Quero falar com um atendente", "humano!",
      "falar com alguém",
    ])
  func handoff(text: String) throws {
    let state = BotState(consecutiveUnmatched: 2, collecting: .init(intent: "news", step: 0))
    let decision = try Self.respond(text, state: state)
    #expect(decision.replies == ["Connecting you to an agent. Please wait a moment."])
    #expect(decision.intervention == .user)
    #expect(decision.state == BotState())
    #expect(decision.updates.isEmpty)
  }

  @Test("a handoff word inside another word is not a handoff")
  func notHandoff() throws {
    #expect(try Self.respond("our management team").intervention == nil)
  }

  @Test("the fallback answers unmatched messages; the third in a row requests an agent")
  func fallbackLimit() throws {
    var state = BotState()
    for count in 1...2 {
      let decision = try Self.respond("blah blah", state: state)
      #expect(decision.replies == [Self.config.fallbackReply])
      #expect(decision.intervention == nil)
      #expect(decision.state.consecutiveUnmatched == count)
      state = decision.state
    }
    let third = try Self.respond("???", state: state)
    #expect(third.replies == [Self.config.giveUpReply])
    #expect(third.intervention == .bot)
    #expect(third.state == BotState())
  }

  @Test("an understood message resets the count of unmatched ones")
  func matchResets() throws {
    let state = BotState(consecutiveUnmatched: 2)
    #expect(try Self.respond("thanks", state: state).state.consecutiveUnmatched == 0)
  }

  @Test("collecting an email: asked, an invalid answer re-asked with a hint, a valid one stored")
  func collectEmail() throws {
    let contact = try Self.ana()
    let asked = try Self.respond("subscribe me to the newsletter", contact: contact)
    #expect(asked.replies == ["Happy to keep you posted!", "What is your email address?"])
    #expect(asked.state == BotState(collecting: .init(intent: "news", step: 0)))

    let invalid = try Self.respond("ana at example dot com", state: asked.state, contact: contact)
    #expect(
      invalid.replies == [
        "That doesn't look like an email address (like name@example.com). What is your email address?"
      ])
    #expect(invalid.updates.isEmpty && invalid.intervention == nil)
    #expect(
      invalid.state == BotState(consecutiveUnmatched: 1, collecting: .init(intent: "news", step: 0))
    )

    let valid = try Self.respond(" Ana@Example.com ", state: invalid.state, contact: contact)
    #expect(valid.updates == [FieldUpdate(field: .profile(.email), value: "Ana@example.com")])
    #expect(valid.replies == ["Thanks! We will write to Ana@example.com."])
    #expect(valid.state == BotState())
  }

  @Test("an answer is taken as the answer even when it looks like an intent")
  func answerFirst() throws {
    let state = BotState(collecting: .init(intent: "news", step: 0))
    let decision = try Self.respond("hello", state: state)
    #expect(decision.matchedIntent == nil)
    #expect(decision.state.collecting == state.collecting)
  }

  @Test("invalid answers count towards the limit, and the bot gives up")
  func invalidAnswersGiveUp() throws {
    let state = BotState(consecutiveUnmatched: 2, collecting: .init(intent: "news", step: 0))
    let decision = try Self.respond("no", state: state)
    #expect(decision.intervention == .bot)
    #expect(decision.replies == [Self.config.giveUpReply])
  }

  @Test("a step whose field the contact has is skipped")
  func knownFieldSkipped() throws {
    var contact = try Self.ana()
    _ = try contact.set(.profile(.email), to: "ana@example.com", by: .agent("a1"), at: t0)
    let decision = try Self.respond("newsletter", contact: contact)
    #expect(decision.replies == ["Happy to keep you posted!"])
    #expect(decision.state.collecting == nil)
  }

  @Test("steps run in order, and each answer kind is validated and normalised")
  func steps() throws {
    let config = BotConfiguration(
      intents: [
        BotIntent(
          name: "quote", keywords: ["quote"], reply: "",
          collect: [
            CollectStep(field: .profile(.phone), question: "Your phone?", answer: .phone),
            CollectStep(
              field: .attribute(try AttributeKey("quantity")), question: "How many?",
              answer: .number,
              hint: "Digits, please.", confirmation: "{{quantity}} it is, {{name}}."),
            CollectStep(
              field: .attribute(try AttributeKey("notes")), question: "Notes?", answer: .text),
          ])
      ],
      handoffPhrases: ["agent"], handoffReply: "ok", fallbackReply: "?", maxConsecutiveUnmatched: 5,
      giveUpReply: "bye")
    #expect(throws: Never.self) { try config.validate() }
    let contact = try Self.ana()
    func respond(_ text: String, _ state: BotState) -> BotDecision {
      Bot.respond(to: text, state: state, configuration: config, contact: contact)
    }
    let first = respond("I need a quote", BotState())
    #expect(first.replies == ["Your phone?"])
    let phone = respond("+55 (11) 91234-5678", first.state)
    #expect(phone.updates == [FieldUpdate(field: .profile(.phone), value: "+5511912345678")])
    #expect(phone.replies == ["How many?"])
    let badNumber = respond("a dozen", phone.state)
    #expect(badNumber.replies == ["Digits, please. How many?"])
    let number = respond("2,5", badNumber.state)
    #expect(
      number.updates == [FieldUpdate(field: .attribute(try AttributeKey("quantity")), value: "2.5")]
    )
    #expect(number.replies == ["2.5 it is, Ana.", "Notes?"])
    let notes = respond("  leave at the door ", number.state)
    #expect(notes.updates.map(\.value) == ["leave at the door"])
    #expect(notes.replies.isEmpty && notes.state == BotState())
  }

  @Test("a state left by an older configuration is dropped, not followed")
  func staleState() throws {
    let decision = try Self.respond(
      "hello", state: BotState(collecting: .init(intent: "gone", step: 3)))
    #expect(decision.matchedIntent == "greeting")
    let unmatched = try Self.respond(
      "hmm", state: BotState(collecting: .init(intent: "news", step: 7)))
    #expect(unmatched.state == BotState(consecutiveUnmatched: 1))
  }
}

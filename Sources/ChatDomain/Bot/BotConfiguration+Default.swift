extension BotConfiguration {
  /// A bot that works out of the box, in English with Portuguese and Spanish keywords: it
  /// greets, gives opening hours, thanks, signs users up for news by collecting their email,
  /// hands over on 'agent', 'human', 'atendente', 'humano' and the like, and asks for a human
  /// after 3 messages in a row it does not understand.
  public static let `default` = BotConfiguration(
    intents: [
      BotIntent(
        name: "greeting",
        keywords: [
          "hi", "hello", "hey", "good morning", "good afternoon", "good evening", "oi", "ola",
          "bom dia", "boa tarde", "boa noite", "hola", "buenos dias", "buenas tardes",
        ],
        reply: "Hello {{name|there}}! I'm the virtual assistant. Ask me about our opening hours "
          + "or our news, or type *agent* to talk to a person."),
      BotIntent(
        name: "opening hours",
        keywords: ["opening hours", "business hours", "horario", "funcionamento", "horarios"],
        patterns: ["when * open*", "* are you open *", "what time * open*"],
        reply: "We are open Monday to Friday, 9:00 to 18:00."),
      BotIntent(
        name: "news",
        keywords: ["newsletter", "subscribe", "news", "novidades", "noticias"],
        reply: "Happy to keep you posted!",
        collect: [
          CollectStep(
            field: .profile(.email),
            question: "What is your email address?",
            answer: .email,
            confirmation: "Thanks! We will write to {{email}}.")
        ]),
      BotIntent(
        name: "thanks",
        keywords: ["thanks", "thank you", "obrigado", "obrigada", "valeu", "gracias"],
        reply: "You're welcome! Anything else I can help with?"),
    ],
    handoffPhrases: [
      "agent", "human", "person", "representative", "talk to someone", "atendente", "humano",
      "pessoa", "falar com alguem", "agente", "persona",
    ],
    handoffReply: "Connecting you to an agent. Please wait a moment.",
    fallbackReply: "Sorry, I didn't understand that. Ask me about our opening hours or our news, "
      + "or type *agent* to talk to a person.",
    maxConsecutiveUnmatched: 3,
    giveUpReply: "I couldn't help with that, so I'm connecting you to an agent.")
}

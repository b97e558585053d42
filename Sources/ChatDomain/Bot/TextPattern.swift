/// A keyword, handoff phrase or pattern, compiled into folded words for matching.
struct TextPattern: Hashable, Sendable {
  /// One word of a pattern.
  enum Token: Hashable, Sendable {
    /// `*` alone: any number of words, none included.
    case anyWords
    /// A word, where each `*` stands for any letters (none included).
    case word([Character])
  }

  /// The tokens, in order.
  let tokens: [Token]
  /// A phrase's words, as ``occurs(in:)`` compares them with a message's.
  private let phraseWords: [String]

  /// A keyword or phrase: its words, literally (a `*` in it is punctuation).
  init(phrase: String) {
    phraseWords = TextFolding.words(in: phrase)
    tokens = phraseWords.map { .word(Array($0)) }
  }

  /// A pattern: `*` alone is any words, `*` inside a word is any letters.
  init(pattern: String) {
    var tokens: [Token] = []
    for word in TextFolding.words(in: pattern, keeping: ["*"]) {
      var characters: [Character] = []
      for character in word where !(character == "*" && characters.last == "*") {
        characters.append(character)
      }
      if characters == ["*"] {
        if tokens.last != .anyWords { tokens.append(.anyWords) }
      } else {
        tokens.append(.word(characters))
      }
    }
    self.tokens = tokens
    phraseWords = []
  }

  /// Whether the pattern names at least one word that is not only wildcards.
  var hasLiteral: Bool {
    tokens.contains {
      if case .word(let characters) = $0 { characters.contains { $0 != "*" } } else { false }
    }
  }

  /// Whether the phrase's words appear, in a row, among `words`.
  func occurs(in words: [String]) -> Bool {
    let phrase = phraseWords
    guard let first = phrase.first, phrase.count <= words.count else { return false }
    for start in 0...(words.count - phrase.count) where words[start] == first {
      var matched = 1
      while matched < phrase.count, words[start + matched] == phrase[matched] { matched += 1 }
      if matched == phrase.count { return true }
    }
    return false
  }

  /// Whether the pattern covers all of `words`.
  func matches(_ words: [String]) -> Bool {
    Self.glob(tokens, words, isStar: { $0 == .anyWords }, matches: Self.wordMatches)
  }

  /// Whether a word token matches `word`, its stars standing for any letters.
  private static func wordMatches(_ token: Token, _ word: String) -> Bool {
    guard case .word(let characters) = token else { return false }
    return glob(characters, Array(word), isStar: { $0 == "*" }, matches: ==)
  }

  /// Wildcard matching of `items` against `pattern`, where stars match any run of items: the
  /// classic linear scan that backtracks only to the last star.
  private static func glob<P, T>(
    _ pattern: [P],
    _ items: [T],
    isStar: (P) -> Bool,
    matches: (P, T) -> Bool
  ) -> Bool {
    var p = 0
    var i = 0
    var star: (pattern: Int, item: Int)? = nil
    while i < items.count {
      if p < pattern.count, isStar(pattern[p]) {
        star = (p, i)
        p += 1
      } else if p < pattern.count, matches(pattern[p], items[i]) {
        p += 1
        i += 1
      } else if let last = star {
        p = last.pattern + 1
        i = last.item + 1
        star = (last.pattern, last.item + 1)
      } else {
        return false
      }
    }
    while p < pattern.count, isStar(pattern[p]) { p += 1 }
    return p == pattern.count
  }
}

internal import Foundation

/// Case- and accent-insensitive text, as the bot matches it: `Olá, ATENDENTE!` reads as the
/// words `ola` and `atendente`.
enum TextFolding {
  /// `text` without case or accents (`Ação` → `acao`, `Straße` → `strasse`).
  static func fold(_ text: String) -> String {
    // Most messages are ASCII: lowercasing bytes gives the same result without Foundation's
    // Unicode machinery, which cost the bot more than the rest of an inbound message together.
    let utf8 = text.utf8
    if utf8.allSatisfy({ $0 < 0x80 }) {
      return String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
    return text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
  }

  /// The folded words of `text`: runs of letters and digits (and of `extra` characters, such as
  /// the `*` of patterns); everything else separates words.
  static func words(in text: String, keeping extra: Set<Character> = []) -> [String] {
    let folded = fold(text)
    let bytes = folded.utf8
    if bytes.allSatisfy({ $0 < 0x80 }) {
      // ASCII: letters and digits by byte, without Unicode property look-ups.
      let kept = Set(extra.compactMap(\.asciiValue))
      return bytes.split(whereSeparator: { byte in
        !((byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || kept.contains(byte))
      }).map { String(decoding: $0, as: UTF8.self) }
    }
    return folded
      .split(whereSeparator: { !($0.isLetter || $0.isNumber || extra.contains($0)) })
      .map(String.init)
  }
}

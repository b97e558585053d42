/// Turns proto identifiers (`snake_case`, `UPPER_SNAKE`, `mixedCase`) into Swift camel case the
/// way swift-protobuf does, so users moving from it find the same names.
///
/// Words split at underscores, at a change to upper case, and at a change to or from digits;
/// `id`, `url`, `http` and `https` are written in capitals after the first word
/// (`workspace_id` → `workspaceID`).
enum CamelCase {
  static let abbreviations: Set<String> = ["id", "url", "http", "https"]

  private enum CharacterClass {
    case digit, lower, upper, underscore, other

    init(_ byte: UInt8) {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): self = .digit
      case UInt8(ascii: "a")...UInt8(ascii: "z"): self = .lower
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): self = .upper
      case UInt8(ascii: "_"): self = .underscore
      default: self = .other
      }
    }
  }

  /// `first_name` → `firstName`.
  static func lower(_ identifier: String) -> String {
    transform(identifier, initialUpper: false)
  }

  /// `first_name` → `FirstName`.
  static func upper(_ identifier: String) -> String {
    transform(identifier, initialUpper: true)
  }

  private static func transform(_ identifier: String, initialUpper: Bool) -> String {
    var result = ""
    var word: [UInt8] = []  // collected in lower case
    var last = CharacterClass.other
    var started = false

    func flush() {
      guard !word.isEmpty else { return }
      var text = String(decoding: word, as: UTF8.self)
      if result.isEmpty && !initialUpper {
        // the first word stays lower case
      } else if abbreviations.contains(text) {
        text = text.uppercased()
      } else {
        text = text.prefix(1).uppercased() + text.dropFirst()
      }
      result += text
      word.removeAll(keepingCapacity: true)
    }

    for byte in identifier.utf8 {
      let current = CharacterClass(byte)
      switch current {
      case .digit:
        if last != .digit { flush() }
        if result.isEmpty && word.isEmpty { result += "_" }
        word.append(byte)
      case .upper:
        if last != .upper { flush() }
        word.append(byte + 32)
      case .lower:
        if last != .lower && last != .upper { flush() }
        word.append(byte)
      case .underscore:
        flush()
        // Leading underscores vanish; a doubled one inside a name is kept.
        if last == .underscore && started { result += "_" }
      case .other:
        flush()
        result += "_u\(byte)"
      }
      if current != .underscore { started = true }
      last = current
    }
    flush()
    if last == .underscore && started { result += "_" }
    return result
  }

  /// The value name with its enum's name removed as a prefix, ignoring case and underscores
  /// (`SECTION_ACTIVE` in `Section` → `ACTIVE`); `nil` when the rest would be empty or would
  /// not start with a letter.
  static func strippingPrefix(_ prefix: String, from name: String) -> String? {
    let prefixBytes = Array(prefix.lowercased().utf8.filter { $0 != UInt8(ascii: "_") })
    let nameBytes = Array(name.utf8)
    var index = 0
    var matched = 0
    while matched < prefixBytes.count {
      guard index < nameBytes.count else { return nil }
      let byte = nameBytes[index]
      index += 1
      if byte == UInt8(ascii: "_") { continue }
      let lowered = CharacterClass(byte) == .upper ? byte + 32 : byte
      guard lowered == prefixBytes[matched] else { return nil }
      matched += 1
    }
    while index < nameBytes.count && nameBytes[index] == UInt8(ascii: "_") { index += 1 }
    guard index < nameBytes.count else { return nil }
    let next = CharacterClass(nameBytes[index])
    guard next == .lower || next == .upper else { return nil }
    return String(decoding: nameBytes[index...], as: UTF8.self)
  }
}

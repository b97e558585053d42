/// Minting and recognising the secrets callers present: API keys (`sbk_…`) and agent tokens
/// (`sbt_…`), 32 random bytes in lowercase hex after the prefix. Only their SHA-256 digest is
/// stored, so a leaked database holds no working credential.
enum Secrets {
  /// What a secret is, told by its prefix.
  enum Kind: String, Sendable {
    case apiKey = "sbk_"
    case agentToken = "sbt_"
  }

  /// A fresh secret of `kind` from the system's cryptographic generator.
  static func mint(_ kind: Kind) -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return kind.rawValue + Hex.encode(bytes)
  }

  /// The digest stored for `secret`.
  static func digest(_ secret: String) -> [UInt8] {
    SHA256.hash(secret.utf8)
  }

  /// The kind of `secret`, or nil when it is not one of ours.
  static func kind(of secret: String) -> Kind? {
    if secret.hasPrefix(Kind.apiKey.rawValue) { return .apiKey }
    if secret.hasPrefix(Kind.agentToken.rawValue) { return .agentToken }
    return nil
  }

  /// The first characters of a secret, safe to show to recognise it.
  static func displayPrefix(_ secret: String) -> String {
    String(secret.prefix(12))
  }
}

/// One difference between two versions of a schema that matters to peers running the other.
public struct CompatibilityIssue: Sendable, Hashable, CustomStringConvertible {
  /// What changed, naming the declaration (`field 3 of chat.Contact changed type from string
  /// to int32`).
  public var message: String
  /// Where the change is: in the new schema when the declaration still exists there, else in
  /// the old one.
  public var location: SourceLocation?
  /// Whether old and new peers can no longer exchange messages or calls correctly.
  public var isBreaking: Bool

  /// Creates an issue.
  public init(_ message: String, at location: SourceLocation?, isBreaking: Bool) {
    self.message = message
    self.location = location
    self.isBreaking = isBreaking
  }

  /// `new.proto:12:3: error: message` for breaking changes, `warning:` otherwise; without a
  /// location, just `error: message`.
  public var description: String {
    let severity = isBreaking ? "error" : "warning"
    guard let location else { return "\(severity): \(message)" }
    return "\(location): \(severity): \(message)"
  }
}

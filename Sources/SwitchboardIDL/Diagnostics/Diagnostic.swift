/// A problem found in a schema, reported as `path:line:column: severity: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible, Error {
  /// How bad the problem is.
  public enum Severity: String, Sendable, Hashable {
    /// The schema is rejected.
    case error
    /// The schema compiles but something deserves a look.
    case warning
    /// Extra context for the diagnostic before it.
    case note
  }

  /// The severity.
  public var severity: Severity
  /// A sentence a person can act on, without a trailing period.
  public var message: String
  /// Where the problem is.
  public var location: SourceLocation

  /// Creates a diagnostic.
  public init(_ severity: Severity, _ message: String, at location: SourceLocation) {
    self.severity = severity
    self.message = message
    self.location = location
  }

  /// `path:line:column: error: message`, the form `swift build` and editors pick up.
  public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Text with `{{key}}` placeholders filled from a contact: `Hello {{name|there}}, your plan is
/// {{plan}}.`
///
/// A placeholder names a ``ContactField`` by its key (`name`, `phone`, `email`, or an attribute
/// key), with spaces allowed inside the braces and an optional default after `|`. Rendering for
/// a contact without the value gives the default, or nothing. Creating a campaign checks the
/// keys against the workspace's attributes with ``checkPlaceholders(knownAttributes:)``, so a
/// misspelt key is caught before anything is sent.
public struct MessageTemplate: Hashable, Sendable {
  /// A piece of a template.
  public enum Segment: Hashable, Sendable {
    /// Text sent as written.
    case text(String)
    /// A field's value, or `default` when the contact has none.
    case placeholder(ContactField, default: String)
  }

  /// The template as written.
  public let source: String
  /// The template, parsed.
  public let segments: [Segment]

  /// Parses `source`.
  ///
  /// - Throws: ``DomainError/Kind/invalidArgument`` for a `{{` never closed, an empty
  ///   placeholder, or a key that is not lowercase snake_case.
  public init(_ source: String) throws(DomainError) {
    var segments: [Segment] = []
    var rest = Substring(source)
    while let open = rest.range(of: "{{") {
      if open.lowerBound > rest.startIndex {
        segments.append(.text(String(rest[..<open.lowerBound])))
      }
      guard let close = rest[open.upperBound...].range(of: "}}") else {
        let offset = source.distance(from: source.startIndex, to: open.lowerBound)
        throw .invalidArgument(
          "the placeholder opened with {{ at character \(offset + 1) is never closed with }}")
      }
      let inside = rest[open.upperBound..<close.lowerBound]
      let parts = inside.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
      let key = String(parts[0]).trimmed
      guard !key.isEmpty else {
        throw .invalidArgument(
          "the placeholder {{\(inside)}} names no field: write {{name}}, {{email}} or an attribute key"
        )
      }
      let field: ContactField
      do {
        field = try ContactField(key: key)
      } catch {
        throw .invalidArgument("the placeholder {{\(inside)}} is not valid: \(error.message)")
      }
      segments.append(.placeholder(field, default: parts.count > 1 ? String(parts[1]).trimmed : ""))
      rest = rest[close.upperBound...]
    }
    if !rest.isEmpty { segments.append(.text(String(rest))) }
    self.source = source
    self.segments = segments
  }

  /// The fields the template uses, each once, in order of first use.
  public var placeholders: [ContactField] {
    var seen: Set<ContactField> = []
    return segments.compactMap {
      guard case .placeholder(let field, _) = $0, seen.insert(field).inserted else { return nil }
      return field
    }
  }

  /// Checks that every attribute the template uses is one the workspace knows (profile fields
  /// are always known).
  ///
  /// - Throws: ``DomainError/Kind/invalidArgument`` listing every unknown key, and the known
  ///   ones.
  public func checkPlaceholders(knownAttributes: Set<AttributeKey>) throws(DomainError) {
    let unknown = placeholders.compactMap { field -> String? in
      guard case .attribute(let key) = field, !knownAttributes.contains(key) else { return nil }
      return "{{\(key)}}"
    }
    guard unknown.isEmpty else {
      let known = ProfileField.allCases.map(\.rawValue) + knownAttributes.sorted().map(\.rawValue)
      let listed =
        known.count > 30
        ? known.prefix(30).joined(separator: ", ") + ", ..." : known.joined(separator: ", ")
      throw .invalidArgument(
        "the template uses \(unknown.count == 1 ? "an attribute" : "attributes") no contact has: "
          + "\(unknown.joined(separator: ", ")); fix the spelling or define "
          + "\(unknown.count == 1 ? "it" : "them") first (known: \(listed))")
    }
  }

  /// The text for `contact`; a field it lacks becomes the placeholder's default, or nothing.
  public func render(for contact: Contact) -> String {
    segments.map {
      switch $0 {
      case .text(let text): text
      case .placeholder(let field, let fallback): contact.value(of: field) ?? fallback
      }
    }.joined()
  }
}

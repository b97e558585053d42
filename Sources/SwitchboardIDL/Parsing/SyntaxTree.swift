/// The syntax of one schema file, as written: names are not resolved and nothing is validated
/// beyond the grammar. The resolver turns it into the model.
package struct FileSyntax: Sendable, Hashable {
  /// The root-relative path the file was read from.
  package var path: String
  /// The `package` name, or `nil` when the file has none.
  package var package: QualifiedName?
  /// The `import` statements, in order.
  package var imports: [ImportSyntax] = []
  /// Top-level messages, in order.
  package var messages: [MessageSyntax] = []
  /// Top-level enums, in order.
  package var enums: [EnumSyntax] = []
  /// Services, in order.
  package var services: [ServiceSyntax] = []

  /// Creates an empty file syntax.
  package init(path: String) {
    self.path = path
  }
}

/// A dotted name as written (`a.b.C`, `.a.b.C`).
package struct QualifiedName: Sendable, Hashable, CustomStringConvertible {
  /// The identifiers between the dots.
  package var components: [String]
  /// Whether the name started with a dot (fully qualified).
  package var isFullyQualified: Bool
  /// Where the name starts.
  package var location: SourceLocation

  /// Creates a name.
  package init(components: [String], isFullyQualified: Bool = false, location: SourceLocation) {
    self.components = components
    self.isFullyQualified = isFullyQualified
    self.location = location
  }

  /// The name as written.
  package var description: String {
    (isFullyQualified ? "." : "") + components.joined(separator: ".")
  }
}

/// An `import "path";` statement.
package struct ImportSyntax: Sendable, Hashable {
  /// The imported path, relative to the schema root.
  package var path: String
  /// Whether the import was `import public` (its types are visible to importers of this file).
  package var isPublic: Bool
  /// Where the path string is.
  package var location: SourceLocation
}

/// A `message` declaration.
package struct MessageSyntax: Sendable, Hashable {
  /// The name.
  package var name: String
  /// Where the name is.
  package var location: SourceLocation
  /// The comment block above the declaration.
  package var documentation: String?
  /// Every field, oneof members included, in declaration order.
  package var fields: [FieldSyntax] = []
  /// The oneofs, in order; members point here by ``FieldSyntax/oneofIndex``.
  package var oneofs: [OneofSyntax] = []
  /// Nested messages.
  package var messages: [MessageSyntax] = []
  /// Nested enums.
  package var enums: [EnumSyntax] = []
  /// `reserved` statements.
  package var reserved: [ReservedSyntax] = []
  /// Whether `option deprecated = true;` was written.
  package var isDeprecated = false
}

/// A field, a map field or a oneof member.
package struct FieldSyntax: Sendable, Hashable {
  /// The label written before the type.
  package enum Label: String, Sendable, Hashable {
    /// `optional`
    case optional
    /// `repeated`
    case repeated
  }

  /// The type as written.
  package enum TypeSyntax: Sendable, Hashable {
    /// A scalar keyword or a message or enum name.
    case named(QualifiedName)
    /// `map<key, value>`.
    case map(key: QualifiedName, value: QualifiedName)
  }

  /// The name.
  package var name: String
  /// Where the name is.
  package var location: SourceLocation
  /// The label, or `nil` for a plain field.
  package var label: Label?
  /// The type.
  package var type: TypeSyntax
  /// The number as written (it may be out of range; the resolver checks).
  package var number: Int64
  /// Where the number is.
  package var numberLocation: SourceLocation
  /// The containing message's oneof this field belongs to.
  package var oneofIndex: Int?
  /// `[packed = ...]`, when written.
  package var packed: Bool?
  /// Where `packed` was written, for diagnostics.
  package var packedLocation: SourceLocation?
  /// Whether `[deprecated = true]` was written.
  package var isDeprecated = false
  /// The comment block above the field.
  package var documentation: String?
}

/// A `oneof` group (its fields live in the message's field list).
package struct OneofSyntax: Sendable, Hashable {
  /// The name.
  package var name: String
  /// Where the name is.
  package var location: SourceLocation
  /// The comment block above the declaration.
  package var documentation: String?
}

/// A `reserved` statement: numbers or names.
package enum ReservedSyntax: Sendable, Hashable {
  /// `reserved 2, 9 to 11, 40 to max;`.
  case ranges([ReservedRangeSyntax])
  /// `reserved "foo", "bar";`
  case names([ReservedNameSyntax])
}

/// One range of a `reserved` statement.
package struct ReservedRangeSyntax: Sendable, Hashable {
  /// The first number.
  package var lower: Int64
  /// The last number (the first for a single number; `max` already replaced by its value).
  package var upper: Int64
  /// Where the range starts.
  package var location: SourceLocation
}

/// One name of a `reserved` statement.
package struct ReservedNameSyntax: Sendable, Hashable {
  /// The name.
  package var name: String
  /// Where the string is.
  package var location: SourceLocation
}

/// An `enum` declaration.
package struct EnumSyntax: Sendable, Hashable {
  /// The name.
  package var name: String
  /// Where the name is.
  package var location: SourceLocation
  /// The comment block above the declaration.
  package var documentation: String?
  /// The values, in order.
  package var values: [EnumValueSyntax] = []
  /// `reserved` statements.
  package var reserved: [ReservedSyntax] = []
  /// Whether `option deprecated = true;` was written.
  package var isDeprecated = false
}

/// One enum value.
package struct EnumValueSyntax: Sendable, Hashable {
  /// The name.
  package var name: String
  /// Where the name is.
  package var location: SourceLocation
  /// The number as written, sign applied.
  package var number: Int64
  /// Where the number is.
  package var numberLocation: SourceLocation
  /// Whether `[deprecated = true]` was written.
  package var isDeprecated = false
  /// The comment block above the value.
  package var documentation: String?
}

/// A `service` declaration.
package struct ServiceSyntax: Sendable, Hashable {
  /// The name.
  package var name: String
  /// Where the name is.
  package var location: SourceLocation
  /// The comment block above the declaration.
  package var documentation: String?
  /// The rpcs, in order.
  package var methods: [MethodSyntax] = []
  /// Whether `option deprecated = true;` was written.
  package var isDeprecated = false
}

/// One `rpc`.
package struct MethodSyntax: Sendable, Hashable {
  /// The name.
  package var name: String
  /// Where the name is.
  package var location: SourceLocation
  /// The request type as written.
  package var inputType: QualifiedName
  /// The response type as written.
  package var outputType: QualifiedName
  /// Whether the request is `stream`.
  package var clientStreaming: Bool
  /// Whether the response is `stream`.
  package var serverStreaming: Bool
  /// Whether `option deprecated = true;` was written in the body.
  package var isDeprecated = false
  /// The comment block above the rpc.
  package var documentation: String?
}

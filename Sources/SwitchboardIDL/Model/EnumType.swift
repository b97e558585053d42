/// An `enum` declaration.
public struct EnumType: Sendable, Hashable {
  /// The name as declared (`Section`).
  public var name: String
  /// The fully qualified name (`switchboard.chat.Section`).
  public var fullName: String
  /// The comment block above the declaration, or `nil`.
  public var documentation: String?
  /// The values, in declaration order; the first is 0.
  public var values: [EnumValue]
  /// Reserved numbers, as inclusive ranges.
  public var reservedNumbers: [ClosedRange<Int32>]
  /// Reserved value names.
  public var reservedNames: [String]
  /// Whether `option deprecated = true;` was set.
  public var isDeprecated: Bool
  /// Where the name was declared.
  public var location: SourceLocation

  /// Creates an enum.
  public init(
    name: String,
    fullName: String,
    documentation: String? = nil,
    values: [EnumValue] = [],
    reservedNumbers: [ClosedRange<Int32>] = [],
    reservedNames: [String] = [],
    isDeprecated: Bool = false,
    location: SourceLocation
  ) {
    self.name = name
    self.fullName = fullName
    self.documentation = documentation
    self.values = values
    self.reservedNumbers = reservedNumbers
    self.reservedNames = reservedNames
    self.isDeprecated = isDeprecated
    self.location = location
  }
}

/// One value of an enum.
public struct EnumValue: Sendable, Hashable {
  /// The name as declared (`SECTION_ACTIVE`).
  public var name: String
  /// The number.
  public var number: Int32
  /// The comment block above the value, or `nil`.
  public var documentation: String?
  /// Whether `[deprecated = true]` was set.
  public var isDeprecated: Bool
  /// Where the value was declared.
  public var location: SourceLocation

  /// Creates an enum value.
  public init(
    name: String,
    number: Int32,
    documentation: String? = nil,
    isDeprecated: Bool = false,
    location: SourceLocation
  ) {
    self.name = name
    self.number = number
    self.documentation = documentation
    self.isDeprecated = isDeprecated
    self.location = location
  }
}

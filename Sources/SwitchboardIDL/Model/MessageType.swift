/// A `message` declaration.
public struct MessageType: Sendable, Hashable {
  /// The name as declared (`Contact`).
  public var name: String
  /// The fully qualified name (`switchboard.chat.Contact`).
  public var fullName: String
  /// The comment block directly above the declaration, without comment markers, or `nil`.
  public var documentation: String?
  /// Every field, oneof members included, in declaration order.
  public var fields: [Field]
  /// The oneofs, in declaration order; fields point into this array by `oneofIndex`.
  public var oneofs: [Oneof]
  /// Messages declared inside this one.
  public var messages: [MessageType]
  /// Enums declared inside this one.
  public var enums: [EnumType]
  /// Reserved field numbers, as inclusive ranges (`reserved 5, 9 to 11;` gives 5...5, 9...11).
  public var reservedNumbers: [ClosedRange<Int32>]
  /// Reserved field names.
  public var reservedNames: [String]
  /// Whether `option deprecated = true;` was set.
  public var isDeprecated: Bool
  /// Where the name was declared.
  public var location: SourceLocation

  /// Creates a message.
  public init(
    name: String,
    fullName: String,
    documentation: String? = nil,
    fields: [Field] = [],
    oneofs: [Oneof] = [],
    messages: [MessageType] = [],
    enums: [EnumType] = [],
    reservedNumbers: [ClosedRange<Int32>] = [],
    reservedNames: [String] = [],
    isDeprecated: Bool = false,
    location: SourceLocation
  ) {
    self.name = name
    self.fullName = fullName
    self.documentation = documentation
    self.fields = fields
    self.oneofs = oneofs
    self.messages = messages
    self.enums = enums
    self.reservedNumbers = reservedNumbers
    self.reservedNames = reservedNames
    self.isDeprecated = isDeprecated
    self.location = location
  }
}

/// A field of a message.
public struct Field: Sendable, Hashable {
  /// How many values a field holds and whether presence is tracked.
  public enum Label: Sendable, Hashable {
    /// proto3 implicit presence: the default value is not written. Message-typed singular
    /// fields always track presence; they use this label too.
    case singular
    /// `optional`: presence is tracked and a set default value is written.
    case optional
    /// `repeated` (maps are `repeated` on the wire but have their own `FieldType`).
    case repeated
  }

  /// The name as declared (`first_name`).
  public var name: String
  /// The field number, 1...536870911 outside 19000...19999.
  public var number: Int32
  /// The label.
  public var label: Label
  /// The resolved type.
  public var type: FieldType
  /// Index into the containing message's `oneofs`, when the field belongs to one.
  public var oneofIndex: Int?
  /// The `[packed = …]` option when written; `nil` means the proto3 default (packed for
  /// repeated scalars and enums).
  public var packed: Bool?
  /// Whether `[deprecated = true]` was set.
  public var isDeprecated: Bool
  /// The comment block above the field, or `nil`.
  public var documentation: String?
  /// Where the field name was declared.
  public var location: SourceLocation

  /// Creates a field.
  public init(
    name: String,
    number: Int32,
    label: Label = .singular,
    type: FieldType,
    oneofIndex: Int? = nil,
    packed: Bool? = nil,
    isDeprecated: Bool = false,
    documentation: String? = nil,
    location: SourceLocation
  ) {
    self.name = name
    self.number = number
    self.label = label
    self.type = type
    self.oneofIndex = oneofIndex
    self.packed = packed
    self.isDeprecated = isDeprecated
    self.documentation = documentation
    self.location = location
  }

  /// Whether the field is written packed: repeated scalar or enum, unless `[packed = false]`.
  public var isPacked: Bool {
    guard label == .repeated else { return false }
    switch type {
    case .scalar(let scalar): return scalar.isPackable && packed != false
    case .enumeration: return packed != false
    case .message, .map: return false
    }
  }
}

/// A `oneof` group.
public struct Oneof: Sendable, Hashable {
  /// The name as declared (`payload`).
  public var name: String
  /// The comment block above the oneof, or `nil`.
  public var documentation: String?
  /// Where the oneof was declared.
  public var location: SourceLocation

  /// Creates a oneof.
  public init(name: String, documentation: String? = nil, location: SourceLocation) {
    self.name = name
    self.documentation = documentation
    self.location = location
  }
}

/// The resolved type of a field.
public indirect enum FieldType: Sendable, Hashable {
  /// A scalar (`int32`, `string`, ...).
  case scalar(ScalarType)
  /// A message, by fully qualified name.
  case message(String)
  /// An enum, by fully qualified name.
  case enumeration(String)
  /// `map<K, V>`: the key is an integral, bool or string scalar; the value any non-map type.
  case map(key: ScalarType, value: FieldType)
}

/// The scalar types of proto3.
public enum ScalarType: String, Sendable, Hashable, CaseIterable {
  case double, float, int32, int64, uint32, uint64, sint32, sint64
  case fixed32, fixed64, sfixed32, sfixed64, bool, string, bytes

  /// Whether repeated values of this type may be packed (every numeric type and bool).
  public var isPackable: Bool { self != .string && self != .bytes }

  /// Whether the type may be a map key (integral types, bool and string).
  public var isValidMapKey: Bool { self != .double && self != .float && self != .bytes }
}

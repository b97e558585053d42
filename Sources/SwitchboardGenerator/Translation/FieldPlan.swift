import SwitchboardIDL

/// A field as generated code sees it: its Swift name and how it is stored and coded.
struct FieldPlan {
  /// How the field is stored in the struct.
  enum Storage {
    /// Implicit presence: a plain property written only when not the default.
    case implicit(ValueCoding)
    /// Explicit presence (`optional`, or any singular message): a Swift `Optional`.
    case optional(ValueCoding)
    /// A singular message that (transitively) contains its own message: an `Optional` kept in a
    /// ``WireBox`` so the struct has a finite size.
    case boxed(ValueCoding)
    /// `repeated`: an `Array`, packed when the schema says so.
    case repeated(ValueCoding, packed: Bool)
    /// `map<K, V>`: a `Dictionary`.
    case map(key: ValueCoding, value: ValueCoding)
    /// A member of a oneof: a case of its enum.
    case oneofMember(ValueCoding, oneof: OneofPlan, caseName: String, isIndirect: Bool)
  }

  var field: Field
  /// The property name, escaped where needed.
  var name: String
  var storage: Storage

  /// `self.name`, how generated bodies reach the property without shadowing by locals.
  var access: String { "self.\(name)" }

  /// The property's Swift type.
  var swiftType: String {
    switch storage {
    case .implicit(let coding): return coding.swiftType
    case .optional(let coding), .boxed(let coding): return coding.swiftType + "?"
    case .repeated(let coding, _): return "[\(coding.swiftType)]"
    case .map(let key, let value): return "[\(key.swiftType): \(value.swiftType)]"
    case .oneofMember(let coding, _, _, _): return coding.swiftType
    }
  }

  /// The value of a fresh message, as the memberwise initializer's default argument.
  var defaultArgument: String {
    switch storage {
    case .implicit(let coding): return coding.defaultValue ?? "nil"
    case .optional, .boxed: return "nil"
    case .repeated: return "[]"
    case .map: return "[:]"
    case .oneofMember(let coding, _, _, _): return coding.defaultValue ?? "\(coding.swiftType)()"
    }
  }
}

/// A oneof as generated code sees it.
struct OneofPlan {
  var oneof: Oneof
  /// The optional property holding the chosen case.
  var propertyName: String
  /// The nested enum type (`OneOf_Payload`).
  var typeName: String

  var access: String { "self.\(propertyName)" }
}

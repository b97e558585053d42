/// Whether a field's value written under one declaration reads correctly under another.
///
/// The rules follow the protobuf language guide's "updating a message type":
/// - `int32`, `uint32`, `int64`, `uint64` and `bool` are all varints and interchangeable
///   (values may be truncated or change sign); `sint32`↔`sint64`, `fixed32`↔`sfixed32` and
///   `fixed64`↔`sfixed64` likewise; `string`↔`bytes` while the bytes are valid UTF-8.
/// - A message field must keep the same message type (by full name); an enum field the same
///   enum. An enum↔integer change is varint-compatible, but peers then disagree on which
///   values are valid, so it is treated as breaking to be safe.
/// - Singular↔repeated is compatible only for length-delimited types (`string`, `bytes`,
///   messages); numeric repeated fields are packed, which a singular reader cannot parse.
/// - Adding or removing `optional` on a non-message field changes presence: an old writer
///   skips default values the new reader expects to see set, so it is breaking. On message
///   fields it changes nothing.
/// - A map is compatible only with a map whose key and value are.
enum WireCompatibility {
  /// The verdict for one change.
  enum Verdict: Equatable {
    /// Nothing changed on the wire.
    case identical
    /// Readable both ways, with a caveat worth reporting.
    case compatible(String)
    /// Old and new peers misread each other; the reason, when one helps.
    case breaking(String?)
  }

  /// Compares the declaration of one field number before and after.
  static func compare(_ old: Field, _ new: Field) -> Verdict {
    if case .map = old.type, case .map = new.type {
      return compareElements(old.type, new.type)
    }
    if case .map = old.type { return .breaking(nil) }
    if case .map = new.type { return .breaking(nil) }
    let element = compareElements(old.type, new.type)
    if case .breaking = element { return element }
    let oldRepeated = old.label == .repeated
    let newRepeated = new.label == .repeated
    if oldRepeated != newRepeated {
      guard isLengthDelimited(old.type), element == .identical else {
        return .breaking(
          "\(oldRepeated ? "repeated" : "singular") to \(newRepeated ? "repeated" : "singular")"
            + " is only compatible for string, bytes and message fields")
      }
      return .compatible("a singular reader keeps only the last of repeated values")
    }
    if !oldRepeated, old.label != new.label, !isMessage(old.type) {
      let change = new.label == .optional ? "adding" : "removing"
      return .breaking("\(change) 'optional' changes whether default values are sent")
    }
    return element
  }

  /// Compares two element types (the type of one value, or a map's key and value).
  static func compareElements(_ old: FieldType, _ new: FieldType) -> Verdict {
    if old == new { return .identical }
    switch (old, new) {
    case (.scalar(let oldScalar), .scalar(let newScalar)):
      guard let group = group(of: oldScalar), group == self.group(of: newScalar) else {
        return .breaking(nil)
      }
      return .compatible(
        group == .lengthDelimited
          ? "values must stay valid UTF-8" : "values that do not fit the new type are truncated")
    case (.map(let oldKey, let oldValue), .map(let newKey, let newValue)):
      let key = compareElements(.scalar(oldKey), .scalar(newKey))
      if case .breaking = key { return key }
      let value = compareElements(oldValue, newValue)
      if case .breaking = value { return value }
      return key == .identical ? value : key
    default:
      return .breaking(nil)
    }
  }

  private enum Group {
    case varint, zigzag, fixed32, fixed64, lengthDelimited
  }

  private static func group(of scalar: ScalarType) -> Group? {
    switch scalar {
    case .int32, .int64, .uint32, .uint64, .bool: return .varint
    case .sint32, .sint64: return .zigzag
    case .fixed32, .sfixed32: return .fixed32
    case .fixed64, .sfixed64: return .fixed64
    case .string, .bytes: return .lengthDelimited
    case .float, .double: return nil
    }
  }

  private static func isLengthDelimited(_ type: FieldType) -> Bool {
    switch type {
    case .scalar(let scalar): return scalar == .string || scalar == .bytes
    case .message: return true
    case .enumeration, .map: return false
    }
  }

  private static func isMessage(_ type: FieldType) -> Bool {
    if case .message = type { return true }
    return false
  }

  /// `string`, `repeated int32`, `optional chat.Section`, `map<string, chat.Note>`.
  static func describe(_ field: Field) -> String {
    if case .map = field.type { return describe(field.type) }
    switch field.label {
    case .singular: return describe(field.type)
    case .optional: return "optional " + describe(field.type)
    case .repeated: return "repeated " + describe(field.type)
    }
  }

  /// The type as written in a schema, names fully qualified.
  static func describe(_ type: FieldType) -> String {
    switch type {
    case .scalar(let scalar): return scalar.rawValue
    case .message(let name), .enumeration(let name): return name
    case .map(let key, let value): return "map<\(key.rawValue), \(describe(value))>"
    }
  }
}

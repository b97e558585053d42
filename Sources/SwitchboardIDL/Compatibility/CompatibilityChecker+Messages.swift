extension CompatibilityChecker {
  /// Compares a message with its new version, field by field number.
  mutating func check(_ old: MessageType) {
    guard let new = new.messagesByName[old.fullName] else {
      breaking("message \(old.fullName) was removed or renamed", at: old.location)
      return
    }
    let newByNumber = Dictionary(
      new.fields.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
    for field in old.fields {
      let subject = "field \(field.number) of \(old.fullName)"
      guard let newField = newByNumber[field.number] else {
        checkRemoved(field, subject: subject, from: new)
        continue
      }
      compare(field, newField, subject: subject)
      checkOneof(of: field, in: old, against: newField, in: new, subject: subject)
    }
    let oldNumbers = Set(old.fields.map(\.number))
    let oldNames = Set(old.fields.map(\.name))
    for field in new.fields {
      let subject = "field \(field.number) ('\(field.name)') of \(new.fullName)"
      if !oldNumbers.contains(field.number),
        old.reservedNumbers.contains(where: { $0.contains(field.number) })
      {
        breaking("\(subject) reuses a number reserved in the old schema", at: field.location)
      }
      if !oldNames.contains(field.name), old.reservedNames.contains(field.name) {
        notable("\(subject) reuses a name reserved in the old schema", at: field.location)
      }
    }
  }

  /// Reports a field missing from the new message unless its number is reserved there.
  private mutating func checkRemoved(_ field: Field, subject: String, from new: MessageType) {
    let named = "\(subject) ('\(field.name)')"
    if !new.reservedNumbers.contains(where: { $0.contains(field.number) }) {
      breaking(
        "\(named) was removed without reserving its number: add 'reserved \(field.number);'",
        at: new.location)
    } else if !new.reservedNames.contains(field.name) {
      notable(
        "\(named) was removed and its number reserved, but not its name: add "
          + "'reserved \"\(field.name)\";' so JSON peers cannot reuse it", at: new.location)
    }
  }

  /// Reports a type or cardinality change of one field number, and renames.
  private mutating func compare(_ field: Field, _ newField: Field, subject: String) {
    let renamed = field.name != newField.name
    let who = renamed ? "\(subject) (renamed from '\(field.name)' to '\(newField.name)')" : subject
    let change =
      "changed type from \(WireCompatibility.describe(field)) to "
      + WireCompatibility.describe(newField)
    switch WireCompatibility.compare(field, newField) {
    case .breaking(let reason):
      breaking("\(who) \(change)" + (reason.map { ": \($0)" } ?? ""), at: newField.location)
    case .compatible(let caveat):
      notable("\(who) \(change): compatible, but \(caveat)", at: newField.location)
    case .identical where renamed:
      notable(
        "\(subject) was renamed from '\(field.name)' to '\(newField.name)': the binary "
          + "encoding is unchanged, but JSON and generated code change", at: newField.location)
    case .identical:
      break
    }
  }

  /// Reports a field that moved into, out of or between oneofs.
  private mutating func checkOneof(
    of field: Field,
    in old: MessageType,
    against newField: Field,
    in new: MessageType,
    subject: String
  ) {
    let oldOneof = Self.oneofName(field, in: old)
    let newOneof = Self.oneofName(newField, in: new)
    switch (oldOneof, newOneof) {
    case (nil, nil):
      return
    case (nil, let name?):
      breaking("\(subject) moved into oneof '\(name)'", at: newField.location)
    case (let name?, nil):
      breaking("\(subject) moved out of oneof '\(name)'", at: newField.location)
    case (.some, .some):
      let newByNumber = Dictionary(
        new.fields.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
      let separated = old.fields.first { other in
        // Each separated pair is reported once, at its lower-numbered field.
        guard other.number > field.number, other.oneofIndex == field.oneofIndex,
          let otherNew = newByNumber[other.number]
        else { return false }
        return otherNew.oneofIndex != newField.oneofIndex
      }
      if let separated {
        breaking(
          "\(subject) no longer shares a oneof with field \(separated.number): setting one "
            + "used to clear the other", at: newField.location)
      }
    }
  }

  private static func oneofName(_ field: Field, in message: MessageType) -> String? {
    guard let index = field.oneofIndex, message.oneofs.indices.contains(index) else { return nil }
    return message.oneofs[index].name
  }
}

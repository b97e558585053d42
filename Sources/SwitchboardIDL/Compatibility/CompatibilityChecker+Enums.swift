extension CompatibilityChecker {
  /// Compares an enum with its new version, value by number.
  mutating func check(_ old: EnumType) {
    guard let new = new.enumsByName[old.fullName] else {
      breaking("enum \(old.fullName) was removed or renamed", at: old.location)
      return
    }
    let newByNumber = Dictionary(
      new.values.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
    for value in old.values {
      let subject = "value \(value.number) of enum \(old.fullName)"
      guard let newValue = newByNumber[value.number] else {
        let named = "\(subject) ('\(value.name)')"
        if !new.reservedNumbers.contains(where: { $0.contains(value.number) }) {
          breaking(
            "\(named) was removed without reserving its number: add 'reserved \(value.number);'",
            at: new.location)
        } else if !new.reservedNames.contains(value.name) {
          notable(
            "\(named) was removed and its number reserved, but not its name: add "
              + "'reserved \"\(value.name)\";' so JSON peers cannot reuse it", at: new.location)
        }
        continue
      }
      if newValue.name != value.name {
        notable(
          "\(subject) was renamed from '\(value.name)' to '\(newValue.name)': the binary "
            + "encoding is unchanged, but JSON and generated code change", at: newValue.location)
      }
    }
    let oldNumbers = Set(old.values.map(\.number))
    for value in new.values
    where !oldNumbers.contains(value.number)
      && old.reservedNumbers.contains(where: { $0.contains(value.number) })
    {
      breaking(
        "value \(value.number) ('\(value.name)') of enum \(new.fullName) reuses a number "
          + "reserved in the old schema", at: value.location)
    }
  }
}

extension Contact {
  /// Sets, changes or (with `nil`) removes one field, by any actor (an agent, the bot while
  /// collecting, an API key, the system).
  ///
  /// The value is validated as the field needs: ``DisplayName``, ``PhoneNumber``,
  /// ``EmailAddress`` or ``AttributeValue``. Setting a field to the value it has changes
  /// nothing and records nothing.
  ///
  /// - Returns: ``JourneyEvent/Kind/attributeSet(key:old:new:)`` for an attribute,
  ///   ``JourneyEvent/Kind/profileChanged(_:)`` for a profile field, or nothing.
  /// - Throws: ``DomainError/Kind/invalidArgument`` for a value the field does not accept.
  public mutating func set(
    _ field: ContactField,
    to value: String?,
    by actor: JourneyActor,
    at now: Timestamp
  ) throws(DomainError) -> [JourneyEvent] {
    switch field {
    case .profile(let profileField):
      return try updateProfile([profileField: value], by: actor, at: now)
    case .attribute(let key):
      let new = try value.map { (text) throws(DomainError) in try AttributeValue(text) }
      let old = attributes[key]
      guard new != old else { return [] }
      attributes[key] = new
      return [
        JourneyEvent(
          at: now, actor: actor,
          kind: .attributeSet(key: key, old: old?.rawValue, new: new?.rawValue))
      ]
    }
  }

  /// Changes several profile fields at once (`nil` clears a field), recorded as one event.
  ///
  /// Every value is validated before any is applied, so a bad one changes nothing.
  ///
  /// - Returns: one ``JourneyEvent/Kind/profileChanged(_:)`` listing the fields that changed, in
  ///   the order name, phone, email; nothing when none did.
  /// - Throws: ``DomainError/Kind/invalidArgument`` for the first value its field refuses.
  public mutating func updateProfile(
    _ values: [ProfileField: String?],
    by actor: JourneyActor,
    at now: Timestamp
  ) throws(DomainError) -> [JourneyEvent] {
    var updated = self
    for field in ProfileField.allCases {
      guard let value = values[field] else { continue }
      switch field {
      case .name:
        updated.name = try value.map { (text) throws(DomainError) in try DisplayName(text) }
      case .phone:
        updated.phone = try value.map { (text) throws(DomainError) in try PhoneNumber(text) }
      case .email:
        updated.email = try value.map { (text) throws(DomainError) in try EmailAddress(text) }
      }
    }
    let changes = ProfileField.allCases.compactMap { field -> ProfileChange? in
      let old = value(of: .profile(field))
      let new = updated.value(of: .profile(field))
      return old == new ? nil : ProfileChange(field: field, old: old, new: new)
    }
    guard !changes.isEmpty else { return [] }
    self = updated
    return [JourneyEvent(at: now, actor: actor, kind: .profileChanged(changes))]
  }
}

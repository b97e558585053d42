extension Contact {
  /// Puts a tag on the contact.
  ///
  /// Who may add which kind: agents add ``TagKind/manual`` tags (creating the name if the catalog
  /// lacks it is the service's business), API keys ``TagKind/api`` tags, the system
  /// ``TagKind/firstMessage`` and ``TagKind/broadcast`` tags. Adding a tag the contact has (by
  /// name, ignoring case, whatever its kind) changes nothing and records nothing, so retries are
  /// safe; the tag keeps its first kind.
  ///
  /// - Returns: ``JourneyEvent/Kind/tagAdded(_:kind:)``, or nothing.
  /// - Throws: ``DomainError/Kind/permissionDenied`` when `actor` may not add tags of `kind`.
  public mutating func addTag(
    _ tag: TagName,
    kind: TagKind,
    by actor: JourneyActor,
    at now: Timestamp
  ) throws(DomainError) -> [JourneyEvent] {
    guard kind.canBeAdded(by: actor) else {
      throw .permissionDenied(
        "\(actor) may not add the \(kind.rawValue) tag \(tag.rawValue.quoted): \(kind.rawValue) "
          + "tags are added by \(kind.adders)")
    }
    guard tags[tag] == nil else { return [] }
    tags[tag] = kind
    return [JourneyEvent(at: now, actor: actor, kind: .tagAdded(tag, kind: kind))]
  }

  /// Takes a tag off the contact.
  ///
  /// API keys remove ``TagKind/api`` tags; agents remove every other kind. Removing a tag the
  /// contact does not have changes nothing and records nothing, so retries are safe.
  ///
  /// - Returns: ``JourneyEvent/Kind/tagRemoved(_:kind:)``, or nothing.
  /// - Throws: ``DomainError/Kind/permissionDenied`` when `actor` may not remove the tag's kind.
  public mutating func removeTag(
    _ tag: TagName,
    by actor: JourneyActor,
    at now: Timestamp
  ) throws(DomainError) -> [JourneyEvent] {
    guard let index = tags.index(forKey: tag) else { return [] }
    let (stored, kind) = tags[index]
    guard kind.canBeRemoved(by: actor) else {
      throw .permissionDenied(
        "\(actor) may not remove the \(kind.rawValue) tag \(stored.rawValue.quoted): "
          + (kind == .api
            ? "API tags are removed by API keys with the 'tags' scope"
            : "\(kind.rawValue) tags are removed by agents"))
    }
    tags.remove(at: index)
    return [JourneyEvent(at: now, actor: actor, kind: .tagRemoved(stored, kind: kind))]
  }
}

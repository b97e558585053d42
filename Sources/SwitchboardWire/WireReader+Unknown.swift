extension WireReader {
  /// Skips the field whose tag ``nextTag()`` just returned, keeping its bytes in `unknown`.
  @inlinable
  public mutating func skipField(_ tag: UInt32, into unknown: inout UnknownFields) throws(WireDecodingError) {
    let fieldStart = tagStart
    try skipValue(tag)
    unknown.bytes.append(contentsOf: UnsafeRawBufferPointer(start: fieldStart, count: cursor - fieldStart))
  }

  /// Skips the field whose tag ``nextTag()`` just returned, discarding it (unknown fields of a
  /// map entry have nowhere to go).
  @inlinable
  public mutating func skipField(_ tag: UInt32) throws(WireDecodingError) {
    try skipValue(tag)
  }

  @usableFromInline
  mutating func skipValue(_ tag: UInt32) throws(WireDecodingError) {
    switch tag & 7 {
    case 0:
      _ = try readVarint()
    case 1:
      guard remaining >= 8 else { throw error(.truncated) }
      cursor += 8
    case 2:
      let length = try readLength()
      cursor += length
    case 3:
      try skipGroup(fieldNumber: tag >> 3)
    case 5:
      guard remaining >= 4 else { throw error(.truncated) }
      cursor += 4
    default:
      // 4: an end-group here has no start-group; 6 and 7 were rejected by nextTag().
      throw error(.unmatchedEndGroup, at: tagStart)
    }
  }

  /// Skips a proto2 group up to its matching end-group marker, which may only come from an
  /// older sender's unknown fields.
  @usableFromInline
  mutating func skipGroup(fieldNumber: UInt32) throws(WireDecodingError) {
    guard depth < WireFormat.maxNesting else { throw error(.nestingTooDeep) }
    depth += 1
    defer { depth -= 1 }
    while true {
      guard let inner = try nextTag() else { throw error(.truncated) }
      if inner & 7 == 4 {
        guard inner >> 3 == fieldNumber else { throw error(.unmatchedEndGroup, at: tagStart) }
        return
      }
      try skipValue(inner)
    }
  }
}

extension WireReader {
  /// How many fields with the current tag follow one another from the current field on, so
  /// that a decoder can reserve room for a repeated or map field once instead of growing it
  /// entry by entry. Only length-delimited fields are counted; 1 for anything else.
  ///
  /// Capped at ``maxReservation``: a map whose entries repeat one key keeps a single entry,
  /// and hostile input must not make it hold room for every entry it read.
  @inlinable
  public func consecutiveCount() -> Int {
    guard tag & 7 == 2 else { return 1 }
    var scan = self
    scan.cursor = tagStart
    var count = 0
    while scan.cursor < scan.limit && count < Self.maxReservation {
      guard let next = try? scan.readVarint(), next == UInt64(tag), let length = try? scan.readLength() else {
        break
      }
      scan.cursor += length
      count += 1
    }
    return max(count, 1)
  }

  /// The most elements ``consecutiveCount()`` reports, whatever follows.
  public static let maxReservation = 1024
}

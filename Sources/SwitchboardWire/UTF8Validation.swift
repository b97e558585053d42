/// Checks that bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
/// nothing above U+10FFFF), as protobuf requires of `string` fields.
///
/// Written out rather than using `String(validating:)`, whose generic path costs more than the
/// rest of decoding a typical message; runs of ASCII are checked eight bytes at a time.
@usableFromInline
enum UTF8Validation {
  @usableFromInline
  static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    return isASCII(base, bytes.count) || isValidMultiByte(base, bytes.count)
  }

  /// Whether every byte is below 0x80: the common case, checked without branching per byte.
  @inline(__always)
  static func isASCII(_ base: UnsafeRawPointer, _ count: Int) -> Bool {
    var bits: UInt64 = 0
    var index = 0
    while index + 8 <= count {
      bits |= base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      index += 8
    }
    while index < count {
      bits |= UInt64(base.load(fromByteOffset: index, as: UInt8.self))
      index += 1
    }
    return bits & 0x8080_8080_8080_8080 == 0
  }

  static func isValidMultiByte(_ base: UnsafeRawPointer, _ count: Int) -> Bool {
    var index = 0
    while index < count {
      // Fast path: eight ASCII bytes at once.
      if index + 8 <= count,
        (base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        index += 8
        continue
      }
      let lead = base.load(fromByteOffset: index, as: UInt8.self)
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0: length = 3; lower = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED: length = 3; upper = 0x9F  // no UTF-16 surrogates
      case 0xF0: length = 4; lower = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4: length = 4; upper = 0x8F  // nothing above U+10FFFF
      default: return false  // continuation byte, overlong lead C0/C1, or F5...FF
      }
      guard index + length <= count else { return false }
      let second = base.load(fromByteOffset: index + 1, as: UInt8.self)
      guard second >= lower && second <= upper else { return false }
      var offset = 2
      while offset < length {
        let next = base.load(fromByteOffset: index + offset, as: UInt8.self)
        guard next & 0xC0 == 0x80 else { return false }
        offset += 1
      }
      index += length
    }
    return true
  }
}

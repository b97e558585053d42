import SwitchboardWire

/// A message written by hand the way generated code is, so the runtime can be tested without
/// the generator: field 1 is a repeated `Chain` (nesting), 2 an `int32`, 3 a `string`, 4 a
/// packed enum; every other field is kept unknown.
struct Chain: WireMessage {
  var links: [Chain] = []
  var number: Int32 = 0
  var text: String = ""
  var shades: [Shade] = []
  var unknownFields = UnknownFields()

  init() {}

  init(links: [Chain] = [], number: Int32 = 0, text: String = "", shades: [Shade] = []) {
    self.links = links
    self.number = number
    self.text = text
    self.shades = shades
  }

  /// A chain of `depth` embedded messages below the outermost one, the innermost numbered 7.
  static func nested(depth: Int) -> Chain {
    var chain = Chain(number: 7)
    for _ in 0..<depth {
      chain = Chain(links: [chain])
    }
    return chain
  }

  func serializedSize() -> Int {
    var size = unknownFields.count
    for link in links {
      size += 1 + WireSize.message(link)
    }
    if number != 0 {
      size += 1 + WireSize.int32(number)
    }
    if !text.isEmpty {
      size += 1 + WireSize.string(text)
    }
    if !shades.isEmpty {
      size += 1 + WireSize.lengthDelimited(shades.reduce(0) { $0 + WireSize.int32($1.rawValue) })
    }
    return size
  }

  func encode(to writer: inout WireWriter) {
    for link in links {
      writer.writeTag(WireFormat.tag(fieldNumber: 1, wireType: .lengthDelimited))
      writer.writeMessage(link)
    }
    if number != 0 {
      writer.writeTag(WireFormat.tag(fieldNumber: 2, wireType: .varint))
      writer.writeInt32(number)
    }
    if !text.isEmpty {
      writer.writeTag(WireFormat.tag(fieldNumber: 3, wireType: .lengthDelimited))
      writer.writeString(text)
    }
    if !shades.isEmpty {
      writer.writeTag(WireFormat.tag(fieldNumber: 4, wireType: .lengthDelimited))
      writer.writeVarint(UInt64(shades.reduce(0) { $0 + WireSize.int32($1.rawValue) }))
      for shade in shades {
        writer.writeEnum(shade)
      }
    }
    writer.writeUnknownFields(unknownFields)
  }

  mutating func decodeFields(from reader: inout WireReader) throws(WireDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag {
      case 10: links.append(try reader.readMessage())
      case 16: number = try reader.readInt32()
      case 26: text = try reader.readString()
      case 34: try reader.readPackedEnum(into: &shades)
      case 32: shades.append(try reader.readEnum())
      default: try reader.skipField(tag, into: &unknownFields)
      }
    }
  }
}

/// A hand-written enum like the generated ones: known cases and `unrecognized`.
enum Shade: WireEnum {
  case plain, light, dark
  case unrecognized(Int32)

  static let allCases: [Shade] = [.plain, .light, .dark]

  init(rawValue: Int32) {
    switch rawValue {
    case 0: self = .plain
    case 1: self = .light
    case 2: self = .dark
    default: self = .unrecognized(rawValue)
    }
  }

  var rawValue: Int32 {
    switch self {
    case .plain: 0
    case .light: 1
    case .dark: 2
    case .unrecognized(let number): number
    }
  }
}

/// Reads every field as unknown, as a message that knows none of them would.
func skipAll(_ reader: inout WireReader) throws(WireDecodingError) -> [UInt8] {
  var unknown = UnknownFields()
  while let tag = try reader.nextTag() {
    try reader.skipField(tag, into: &unknown)
  }
  return unknown.bytes
}

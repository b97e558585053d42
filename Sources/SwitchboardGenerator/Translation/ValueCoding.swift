import SwitchboardIDL

/// How one kind of value is typed, sized, written and read in generated code.
///
/// Every expression is a string of Swift built around a value expression, so that message
/// translation stays a matter of choosing where each piece goes.
struct ValueCoding {
  /// The protobuf wire type, which forms the low bits of the tag.
  enum Wire: UInt32 {
    case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
  }

  static let runtime = "SwitchboardRPC"

  var swiftType: String
  var wire: Wire
  /// The proto3 default as a literal, or `nil` for messages (which are optional).
  var defaultValue: String?
  /// A size that does not depend on the value (fixed-width types and bool).
  var fixedSize: Int?
  /// The condition under which an implicit-presence field is written.
  var isSet: (String) -> String
  /// The encoded size of a value, without its tag.
  var size: (String) -> String
  /// A statement writing a value, without its tag.
  var write: (String) -> String
  /// An expression reading a value.
  var read: String
  /// The `WireReader` method reading a packed run of values, for packable types.
  var readPacked: String?

  /// The coding of a scalar type.
  static func scalar(_ type: ScalarType) -> ValueCoding {
    let size = "\(runtime).WireSize"
    switch type {
    case .double:
      return fixed("Double", .fixed64, 8, "Double", isSet: { "\($0).bitPattern != 0" })
    case .float:
      return fixed("Float", .fixed32, 4, "Float", isSet: { "\($0).bitPattern != 0" })
    case .fixed32:
      return fixed("UInt32", .fixed32, 4, "Fixed32")
    case .fixed64:
      return fixed("UInt64", .fixed64, 8, "Fixed64")
    case .sfixed32:
      return fixed("Int32", .fixed32, 4, "SFixed32")
    case .sfixed64:
      return fixed("Int64", .fixed64, 8, "SFixed64")
    case .int32:
      return varint("Int32", "Int32", size: { "\(size).int32(\($0))" })
    case .int64:
      return varint("Int64", "Int64", size: { "\(size).int64(\($0))" })
    case .uint32:
      return varint("UInt32", "UInt32", size: { "\(size).varint(\($0))" })
    case .uint64:
      return varint("UInt64", "UInt64", size: { "\(size).varint(\($0))" })
    case .sint32:
      return varint("Int32", "SInt32", size: { "\(size).sint32(\($0))" })
    case .sint64:
      return varint("Int64", "SInt64", size: { "\(size).sint64(\($0))" })
    case .bool:
      var coding = varint("Bool", "Bool", size: { _ in "1" })
      coding.defaultValue = "false"
      coding.fixedSize = 1
      coding.isSet = { $0 }
      return coding
    case .string:
      return ValueCoding(
        swiftType: "String", wire: .lengthDelimited, defaultValue: "\"\"", fixedSize: nil,
        isSet: { "!\($0).isEmpty" }, size: { "\(size).string(\($0))" },
        write: { "writer.writeString(\($0))" }, read: "try reader.readString()", readPacked: nil)
    case .bytes:
      return ValueCoding(
        swiftType: "[UInt8]", wire: .lengthDelimited, defaultValue: "[]", fixedSize: nil,
        isSet: { "!\($0).isEmpty" }, size: { "\(size).bytes(\($0))" },
        write: { "writer.writeBytes(\($0))" }, read: "try reader.readBytes()", readPacked: nil)
    }
  }

  /// The coding of an enum, named as code in scope sees it, with its zero case.
  static func enumeration(_ swiftType: String, zeroCase: String) -> ValueCoding {
    ValueCoding(
      swiftType: swiftType, wire: .varint, defaultValue: ".\(zeroCase)", fixedSize: nil,
      isSet: { "\($0).rawValue != 0" }, size: { "\(runtime).WireSize.int32(\($0).rawValue)" },
      write: { "writer.writeEnum(\($0))" }, read: "try reader.readEnum()", readPacked: "readPackedEnum")
  }

  /// The coding of an embedded message, named as code in scope sees it.
  static func message(_ swiftType: String) -> ValueCoding {
    ValueCoding(
      swiftType: swiftType, wire: .lengthDelimited, defaultValue: nil, fixedSize: nil,
      isSet: { _ in "true" }, size: { "\(runtime).WireSize.message(\($0))" },
      write: { "writer.writeMessage(\($0))" }, read: "try reader.readMessage()", readPacked: nil)
  }

  private static func fixed(
    _ swiftType: String, _ wire: Wire, _ width: Int, _ method: String,
    isSet: @escaping (String) -> String = { "\($0) != 0" }
  ) -> ValueCoding {
    ValueCoding(
      swiftType: swiftType, wire: wire, defaultValue: "0", fixedSize: width, isSet: isSet,
      size: { _ in "\(width)" }, write: { "writer.write\(method)(\($0))" },
      read: "try reader.read\(method)()", readPacked: "readPacked\(method)")
  }

  private static func varint(
    _ swiftType: String, _ method: String, size: @escaping (String) -> String
  ) -> ValueCoding {
    ValueCoding(
      swiftType: swiftType, wire: .varint, defaultValue: "0", fixedSize: nil,
      isSet: { "\($0) != 0" }, size: size, write: { "writer.write\(method)(\($0))" },
      read: "try reader.read\(method)()", readPacked: "readPacked\(method)")
  }

  /// The tag of field `number` with this coding's wire type.
  func tag(_ number: Int32) -> UInt32 {
    UInt32(number) << 3 | wire.rawValue
  }
}

/// The number of bytes a tag's varint takes, known at generation time.
func tagSize(_ tag: UInt32) -> Int {
  var size = 1
  var value = tag >> 7
  while value != 0 {
    size += 1
    value >>= 7
  }
  return size
}

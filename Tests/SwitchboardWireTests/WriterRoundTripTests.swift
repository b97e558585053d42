import SwitchboardWire
import Testing
import SwitchboardTestSupport

/// Protects the writer: sizes from ``WireSize`` match what it writes, whatever it writes the
/// reader reads back, raw copies of every length land exactly, and tags are built as the
/// format defines them.
@Suite("Writer round trips")
struct WriterRoundTripTests {
  /// One value of any kind the writer knows.
  enum Value: Equatable {
    case tag(UInt32)
    case int32(Int32)
    case int64(Int64)
    case uint32(UInt32)
    case uint64(UInt64)
    case sint32(Int32)
    case sint64(Int64)
    case bool(Bool)
    case shade(Shade)
    case fixed32(UInt32)
    case fixed64(UInt64)
    case sfixed32(Int32)
    case sfixed64(Int64)
    case float(UInt32)
    case double(UInt64)  // bit patterns, so NaNs compare
    case string(String)
    case bytes([UInt8])
    case message(Chain)
  }

  static func size(of value: Value) -> Int {
    switch value {
    case .tag(let v): WireSize.varint(v)
    case .int32(let v): WireSize.int32(v)
    case .int64(let v): WireSize.int64(v)
    case .uint32(let v): WireSize.varint(v)
    case .uint64(let v): WireSize.varint(v)
    case .sint32(let v): WireSize.sint32(v)
    case .sint64(let v): WireSize.sint64(v)
    case .bool: 1
    case .shade(let v): WireSize.int32(v.rawValue)
    case .fixed32, .sfixed32, .float: 4
    case .fixed64, .sfixed64, .double: 8
    case .string(let v): WireSize.string(v)
    case .bytes(let v): WireSize.bytes(v)
    case .message(let v): WireSize.message(v)
    }
  }

  static func write(_ value: Value, to writer: inout WireWriter) {
    switch value {
    case .tag(let v): writer.writeTag(v)
    case .int32(let v): writer.writeInt32(v)
    case .int64(let v): writer.writeInt64(v)
    case .uint32(let v): writer.writeUInt32(v)
    case .uint64(let v): writer.writeUInt64(v)
    case .sint32(let v): writer.writeSInt32(v)
    case .sint64(let v): writer.writeSInt64(v)
    case .bool(let v): writer.writeBool(v)
    case .shade(let v): writer.writeEnum(v)
    case .fixed32(let v): writer.writeFixed32(v)
    case .fixed64(let v): writer.writeFixed64(v)
    case .sfixed32(let v): writer.writeSFixed32(v)
    case .sfixed64(let v): writer.writeSFixed64(v)
    case .float(let v): writer.writeFloat(Float(bitPattern: v))
    case .double(let v): writer.writeDouble(Double(bitPattern: v))
    case .string(let v): writer.writeString(v)
    case .bytes(let v): writer.writeBytes(v)
    case .message(let v): writer.writeMessage(v)
    }
  }

  /// Reads a value of the same kind as `like`.
  static func read(like: Value, from reader: inout WireReader) throws(WireDecodingError) -> Value {
    switch like {
    case .tag: .tag(try reader.nextTag()!)
    case .int32: .int32(try reader.readInt32())
    case .int64: .int64(try reader.readInt64())
    case .uint32: .uint32(try reader.readUInt32())
    case .uint64: .uint64(try reader.readUInt64())
    case .sint32: .sint32(try reader.readSInt32())
    case .sint64: .sint64(try reader.readSInt64())
    case .bool: .bool(try reader.readBool())
    case .shade: .shade(try reader.readEnum())
    case .fixed32: .fixed32(try reader.readFixed32())
    case .fixed64: .fixed64(try reader.readFixed64())
    case .sfixed32: .sfixed32(try reader.readSFixed32())
    case .sfixed64: .sfixed64(try reader.readSFixed64())
    case .float: .float(try reader.readFloat().bitPattern)
    case .double: .double(try reader.readDouble().bitPattern)
    case .string: .string(try reader.readString())
    case .bytes: .bytes(try reader.readBytes())
    case .message: .message(try reader.readMessage())
    }
  }

  static func randomValue(_ random: inout SeededGenerator) -> Value {
    // Raw bits shifted by a random amount reach every varint size.
    func bits() -> UInt64 { random.next() >> UInt64.random(in: 0...63, using: &random) }
    func signed() -> Int64 {
      Bool.random(using: &random) ? Int64(bitPattern: bits()) : -Int64(bitPattern: bits() >> 1)
    }
    let text = ["", "a", "héllo", "日本", "👋🏽", String(repeating: "x", count: 200)]
    switch Int.random(in: 0..<18, using: &random) {
    case 0:
      let field = Int32.random(in: 1...WireFormat.maxFieldNumber, using: &random)
      let type: [WireType] = [
        .varint, .fixed64, .lengthDelimited, .startGroup, .endGroup, .fixed32,
      ]
      return .tag(WireFormat.tag(fieldNumber: field, wireType: type.randomElement(using: &random)!))
    case 1: return .int32(Int32(truncatingIfNeeded: signed()))
    case 2: return .int64(signed())
    case 3: return .uint32(UInt32(truncatingIfNeeded: bits()))
    case 4: return .uint64(bits())
    case 5: return .sint32(Int32(truncatingIfNeeded: signed()))
    case 6: return .sint64(signed())
    case 7: return .bool(Bool.random(using: &random))
    case 8: return .shade(Shade(rawValue: Int32(truncatingIfNeeded: signed())))
    case 9: return .fixed32(UInt32(truncatingIfNeeded: random.next()))
    case 10: return .fixed64(random.next())
    case 11: return .sfixed32(Int32(truncatingIfNeeded: signed()))
    case 12: return .sfixed64(signed())
    case 13: return .float(UInt32(truncatingIfNeeded: random.next()))
    case 14: return .double(random.next())
    case 15: return .string(text.randomElement(using: &random)!)
    case 16:
      return .bytes(
        (0..<Int.random(in: 0...40, using: &random)).map { _ in
          UInt8.random(in: 0...255, using: &random)
        })
    default:
      let shades = (0..<Int.random(in: 0...3, using: &random)).map { _ in
        Shade(rawValue: Int32.random(in: -2...4, using: &random))
      }
      return .message(
        Chain(
          links: [Chain(number: Int32(truncatingIfNeeded: signed()))],
          text: text.randomElement(using: &random)!, shades: shades))
    }
  }

  @Test("2,000 seeded sequences of mixed values: exact size, read back equal")
  func seededSequences() throws {
    let seed: UInt64 = 0x7772_6974
    var random = SeededGenerator(seed: seed)
    for iteration in 0..<2_000 {
      let values = (0..<Int.random(in: 1...12, using: &random)).map { _ in Self.randomValue(&random)
      }
      let size = values.reduce(0) { $0 + Self.size(of: $1) }
      let bytes = written(size: size) { writer in
        for value in values { Self.write(value, to: &writer) }
      }
      let read = try reading(bytes) { reader in
        var out: [Value] = []
        for value in values { out.append(try Self.read(like: value, from: &reader)) }
        return out
      }.get()
      #expect(read.value == values, "seed \(seed) iteration \(iteration)")
      #expect(read.offset == size, "seed \(seed) iteration \(iteration)")
    }
  }

  @Test("raw copies of every length up to 40 land exactly, between untouched neighbours")
  func rawLengths() {
    for length in 0...40 {
      let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
      let bytes = written(size: length + 2) { writer in
        writer.writeBool(true)
        payload.withUnsafeBytes { writer.writeRaw($0) }
        writer.writeBool(true)
      }
      #expect(bytes == [0x01] + payload + [0x01], "length \(length)")
      // Strings take the same path.
      let text = String(decoding: payload.map { $0 & 0x7F }, as: UTF8.self)
      let string = written(size: WireSize.string(text)) { $0.writeString(text) }
      #expect(
        string == referenceVarint(UInt64(length)) + payload.map { $0 & 0x7F }, "length \(length)")
    }
  }

  @Test("unknown fields are written verbatim, and nothing for none")
  func unknownFields() {
    let unknown = UnknownFields(bytes: [0x13, 0x08, 0x01, 0x14, 0xF8, 0xFF, 0xFF, 0xFF, 0x0F, 0x00])
    #expect(written(size: unknown.count) { $0.writeUnknownFields(unknown) } == unknown.bytes)
    #expect(written(size: 0) { $0.writeUnknownFields(UnknownFields()) } == [])
    #expect(UnknownFields().isEmpty)
    #expect(!unknown.isEmpty)
    #expect(unknown.count == 10)
  }

  @Test("an embedded message is its size, then its fields")
  func embeddedMessage() {
    let chain = Chain(links: [Chain(number: 150)], text: "hi")
    // Field 1: the inner chain (field 2 = 150: 10 96 01); field 3: "hi".
    let expected: [UInt8] = [0x0A, 0x03, 0x10, 0x96, 0x01, 0x1A, 0x02, 0x68, 0x69]
    #expect(chain.serializedBytes() == expected)
    #expect(written(size: 1 + expected.count) { $0.writeMessage(chain) } == [0x09] + expected)
    #expect(WireSize.message(chain) == 1 + expected.count)
  }

  @Test("tags: the field number shifted left by three, or'ed with the wire type")
  func tags() {
    #expect(WireFormat.tag(fieldNumber: 1, wireType: .varint) == 0x08)
    #expect(WireFormat.tag(fieldNumber: 1, wireType: .fixed64) == 0x09)
    #expect(WireFormat.tag(fieldNumber: 2, wireType: .lengthDelimited) == 0x12)
    #expect(WireFormat.tag(fieldNumber: 2, wireType: .startGroup) == 0x13)
    #expect(WireFormat.tag(fieldNumber: 2, wireType: .endGroup) == 0x14)
    #expect(WireFormat.tag(fieldNumber: 3, wireType: .fixed32) == 0x1D)
    #expect(WireFormat.tag(fieldNumber: 16, wireType: .varint) == 128)
    #expect(WireFormat.maxFieldNumber == (1 << 29) - 1)
    #expect(
      WireFormat.tag(fieldNumber: WireFormat.maxFieldNumber, wireType: .varint) == 0xFFFF_FFF8)
    #expect(
      WireFormat.tag(fieldNumber: WireFormat.maxFieldNumber, wireType: .lengthDelimited)
        == 0xFFFF_FFFA)
    #expect(written(size: 5) { $0.writeTag(0xFFFF_FFFA) } == [0xFA, 0xFF, 0xFF, 0xFF, 0x0F])
    #expect(WireType(rawValue: 6) == nil)
    #expect(WireType(rawValue: 7) == nil)
  }

  @Test("an empty buffer takes an empty write")
  func emptyBuffer() {
    #expect(written(size: 0) { _ in } == [])
    #expect(written(size: 0) { $0.writeRaw(UnsafeRawBufferPointer(start: nil, count: 0)) } == [])
    #expect(Chain().serializedBytes() == [])
  }
}

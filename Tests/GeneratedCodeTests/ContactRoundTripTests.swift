import EverythingSchema
import SwitchboardRPC
import Testing

/// Protects the constructs `Contact` gathers: nested enum and message types, a oneof whose
/// every case is written even at its default, enum numbers the schema does not know, optional
/// message fields, and a field number whose tag takes five bytes.
@Suite("Contact round trips")
struct ContactRoundTripTests {
  static let full = Contact(
    waID: "4915112345678", name: "Zoë Åberg", source: .whatsapp,
    address: Contact.Address(street: "Hauptstraße 1", city: "Köln", countryCode: "DE"),
    phone: "+49 151 12345678", created: Stamp(millis: 1_700_000_000_000), priority: .high,
    channel: .postal(Contact.Address(city: "Bonn")), notes: "far away")

  @Test("a contact with every field set")
  func everyField() throws {
    try expectRoundTrip(Self.full)
  }

  /// Each oneof case at its default value, and the bytes it must be written as.
  static let defaultCases: [(name: String, channel: Contact.OneOf_Channel, bytes: [UInt8])] = [
    ("email", .email(""), [0x5A, 0x00]),  // field 11, wire type 2, length 0
    ("phoneNumber", .phoneNumber(0), [0x60, 0x00]),  // field 12, wire type 0, value 0
    ("postal", .postal(Contact.Address()), [0x6A, 0x00]),  // field 13, wire type 2, empty message
    ("pagerPriority", .pagerPriority(.unspecified), [0x70, 0x00]),  // field 14, wire type 0
    ("optedOut", .optedOut(false), [0x78, 0x00]),  // field 15, wire type 0
  ]

  @Test("a oneof case at its default is written and decodes as that case", arguments: defaultCases)
  func defaultCase(name: String, channel: Contact.OneOf_Channel, bytes: [UInt8]) throws {
    let message = Contact(channel: channel)
    #expect(message.serializedBytes() == bytes)
    let decoded = try Contact(serializedBytes: bytes)
    #expect(decoded.channel == channel)
  }

  @Test(
    "each oneof case with a value",
    arguments: [
      Contact.OneOf_Channel.email("a@b.c"), .phoneNumber(.max),
      .postal(Contact.Address(street: "s", city: "c", countryCode: "cc")),
      .pagerPriority(.high), .pagerPriority(.unrecognized(77)), .optedOut(true),
    ])
  func valueCase(channel: Contact.OneOf_Channel) throws {
    try expectRoundTrip(Contact(waID: "x", channel: channel, notes: "n"))
  }

  @Test("no oneof case set: nothing written, nil decoded")
  func noCase() throws {
    #expect(Contact(channel: nil).serializedBytes() == [])
    #expect(try roundTripped(Contact(waID: "x")).channel == nil)
  }

  @Test("oneof views: a case's default when another is set; setting one selects it")
  func views() {
    var contact = Contact()
    #expect(contact.email == "" && contact.phoneNumber == 0 && !contact.optedOut)
    contact.email = "e"
    #expect(contact.channel == .email("e"))
    contact.phoneNumber = 5
    #expect(contact.channel == .phoneNumber(5))
    #expect(contact.email == "")
    contact.postal = Contact.Address(city: "x")
    #expect(contact.postal.city == "x")
    contact.pagerPriority = .low
    #expect(contact.postal == Contact.Address())
    contact.optedOut = false
    #expect(contact.channel == .optedOut(false))
  }

  @Test("enum numbers the schema does not know survive, reserved ones included")
  func unrecognizedEnums() throws {
    for number: Int32 in [3, 10, 12, 99, -1, .max, .min] {
      let message = Contact(source: .unrecognized(number), priority: .unrecognized(number))
      let decoded = try roundTripped(message)
      #expect(decoded.source == .unrecognized(number))
      #expect(decoded.priority == .unrecognized(number))
      #expect(decoded.source.rawValue == number)
    }
    // A known number read from the wire is the known case.
    #expect(try Contact(serializedBytes: [0x18, 0x02]).source == .import)
    #expect(Contact.Source(rawValue: 1) == .whatsapp)
    #expect(Contact.Source.allCases == [.unspecified, .whatsapp, .import])
  }

  @Test("an optional message set to an empty message is written as an empty field")
  func emptySubmessage() throws {
    // Field 5 (address), length 0; field 7 (created), length 0.
    let message = Contact(address: Contact.Address(), created: Stamp())
    #expect(message.serializedBytes() == [0x2A, 0x00, 0x3A, 0x00])
    let decoded = try Contact(serializedBytes: [0x2A, 0x00, 0x3A, 0x00])
    #expect(decoded.address == Contact.Address())
    #expect(decoded.created == Stamp())
    #expect(try Contact(serializedBytes: []).address == nil)
  }

  @Test("field 536870911 has a five-byte tag")
  func largestFieldNumber() throws {
    // 536870911 << 3 | 2 = 0xFFFF_FFFA → FA FF FF FF 0F; then length 1 and "x".
    #expect(Contact(notes: "x").serializedBytes() == [0xFA, 0xFF, 0xFF, 0xFF, 0x0F, 0x01, 0x78])
    try expectRoundTrip(Contact(notes: String(repeating: "n", count: 300)))
  }

  @Test("the deprecated field still round trips")
  func deprecated() throws {
    // Field 6, wire type 2: 32.
    #expect(Contact(phone: "1").serializedBytes() == [0x32, 0x01, 0x31])
    try expectRoundTrip(Contact(phone: "+1"))
  }
}

/// Protects Swift-safe names for fields that are keywords or clash with the message API.
@Suite("Awkward names")
struct AwkwardNameTests {
  @Test("keyword and clashing field names round trip under their own numbers")
  func awkward() throws {
    let message = Awkward(class: "c", default: 1, unknownFields_p: true, self_p: "s", type: "t")
    // 0A 01 63 | 10 01 | 18 01 | 22 01 73 | 2A 01 74: fields 1 to 5 in order.
    #expect(
      message.serializedBytes() == [
        0x0A, 0x01, 0x63, 0x10, 0x01, 0x18, 0x01, 0x22, 0x01, 0x73, 0x2A, 0x01, 0x74,
      ])
    let decoded = try roundTripped(message)
    #expect(decoded == message)
    #expect(decoded.`class` == "c" && decoded.`default` == 1 && decoded.unknownFields_p)
    #expect(decoded.self_p == "s" && decoded.type == "t")
    // The real unknown fields are untouched by the field called unknown_fields.
    #expect(decoded.unknownFields.isEmpty)
  }
}

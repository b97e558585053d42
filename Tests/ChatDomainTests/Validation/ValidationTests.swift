import ChatDomain
import Testing

@Suite("Validation: what is accepted, what is refused, and what the refusal says")
struct ValidationTests {
  @Test(
    "message text: trimmed, not blank, at most 4096 bytes of UTF-8",
    arguments: [
      ("  hello \n", "hello"),
      (String(repeating: "a", count: 4096), String(repeating: "a", count: 4096)),
      (String(repeating: "é", count: 2048), String(repeating: "é", count: 2048)),
    ])
  func messageAccepted(text: String, stored: String) throws {
    #expect(try MessageText(text).rawValue == stored)
  }

  @Test(
    "message text refused",
    arguments: [
      ("", "empty"), (" \n\t ", "empty"),
      (String(repeating: "a", count: 4097), "4097 bytes"),
      (String(repeating: "é", count: 2049), "4098 bytes"),
    ])
  func messageRefused(text: String, fragment: String) {
    expectRefusal(.invalidArgument, mentioning: fragment) { _ = try MessageText(text) }
  }

  @Test(
    "email addresses accepted, domain lowercased",
    arguments: [
      ("ana@example.com", "ana@example.com"),
      (" Ana.Silva+news@Example.COM.br ", "Ana.Silva+news@example.com.br"),
      ("o'brien@mail.co.uk", "o'brien@mail.co.uk"),
      ("user@xn--bcher-kva.de", "user@xn--bcher-kva.de"),
      ("josé@exemplo.com", nil),
    ] as [(String, String?)])
  func emailAccepted(text: String, stored: String?) {
    if let stored {
      #expect((try? EmailAddress(text).rawValue) == stored)
    } else {
      #expect((try? EmailAddress(text)) == nil)
    }
  }

  @Test(
    "email addresses refused, saying which part is wrong",
    arguments: [
      ("", "empty"), ("ana", "needs an @"), ("ana@", "no domain"),
      ("@example.com", "nothing before"),
      ("a@b@c.com", "more than one @"), ("ana@example", "needs a dot"),
      ("ana@example.c", "must end with letters"), ("ana@exa mple.com", "may hold only"),
      ("ana..b@example.com", "two in a row"), (".ana@example.com", "start or end with a dot"),
      ("ana@-example.com", "inner hyphens"), ("ana@example..com", "empty or overlong"),
      ("ana@example.123", "must end with letters"),
    ])
  func emailRefused(text: String, fragment: String) {
    expectRefusal(.invalidArgument, mentioning: fragment) { _ = try EmailAddress(text) }
  }

  @Test(
    "phone numbers in E.164, with the separators people type removed",
    arguments: [
      ("+5511912345678", "+5511912345678"), ("+55 (11) 91234-5678", "+5511912345678"),
      ("+1 415.555.0123", "+14155550123"), ("+12345678", "+12345678"),
      ("+123456789012345", "+123456789012345"),
    ])
  func phoneAccepted(text: String, stored: String) throws {
    #expect(try PhoneNumber(text).rawValue == stored)
  }

  @Test(
    "phone numbers refused",
    arguments: [
      ("", "empty"), ("5511912345678", "must start with +"),
      ("005511912345678", "use + instead of 00"),
      ("+1234567", "7 digits"), ("+1234567890123456", "16 digits"),
      ("+0511912345678", "never start with 0"),
      ("+55 11 9123x5678", "only digits"),
    ])
  func phoneRefused(text: String, fragment: String) {
    let error = expectRefusal(.invalidArgument, mentioning: fragment) { _ = try PhoneNumber(text) }
    if !text.isEmpty { #expect(error?.message.contains("like +5511912345678") == true) }
  }

  @Test("WhatsApp user ids: not empty, at most 64 bytes, no spaces")
  func whatsAppIDs() throws {
    #expect(try WhatsAppUserID(" 5511912345678 ").rawValue == "5511912345678")
    #expect(try WhatsAppUserID(String(repeating: "9", count: 64)).rawValue.count == 64)
    expectRefusal(.invalidArgument, mentioning: "empty", "wa_id") { _ = try WhatsAppUserID("  ") }
    expectRefusal(.invalidArgument, mentioning: "65 bytes") {
      _ = try WhatsAppUserID(String(repeating: "9", count: 65))
    }
    expectRefusal(.invalidArgument, mentioning: "spaces") { _ = try WhatsAppUserID("55 11") }
    // ASCII text is checked byte by byte, the rest by Unicode properties: both refuse the same.
    #expect(try WhatsAppUserID("\t\r\n5511\u{0B}\u{0C}").rawValue == "5511")
    #expect(try WhatsAppUserID("\u{2003}5511\u{00A0}").rawValue == "5511")
    for text in ["55\t11", "55\u{0B}11", "55\u{00A0}11", "55\u{2003}11"] {
      expectRefusal(.invalidArgument, mentioning: "spaces") { _ = try WhatsAppUserID(text) }
    }
    for text in ["55\u{7F}11", "55\u{1F}11", "55\u{85}11", "55\u{0}11"] {
      expectRefusal(.invalidArgument, mentioning: "control") { _ = try WhatsAppUserID(text) }
    }
  }

  @Test(
    "attribute keys in lowercase snake_case",
    arguments: ["city", "favourite_colour", "order_2024", "a", String(repeating: "k", count: 64)])
  func keyAccepted(key: String) throws {
    #expect(try AttributeKey(key).rawValue == key)
  }

  @Test(
    "attribute keys refused, with a suggestion when there is one",
    arguments: [
      ("", "empty"), ("Favourite Colour", "such as 'favourite_colour'"),
      ("favouriteColour", "such as 'favouritecolour'"), ("2nd_address", "such as 'a_2nd_address'"),
      ("double__underscore", "single underscores"), ("trailing_", "snake_case"),
      ("_leading", "such as 'leading'"), ("país", "such as 'pais'"),
      (String(repeating: "k", count: 65), "at most 64"),
      ("email", "profile field"), ("name", "change the contact's name"),
    ])
  func keyRefused(key: String, fragment: String) {
    expectRefusal(.invalidArgument, mentioning: fragment) { _ = try AttributeKey(key) }
  }

  @Test("attribute values: trimmed, not blank, at most 1 KiB")
  func attributeValues() throws {
    #expect(try AttributeValue("  blue ").rawValue == "blue")
    #expect(try AttributeValue(String(repeating: "x", count: 1024)).rawValue.utf8.count == 1024)
    expectRefusal(.invalidArgument, mentioning: "remove it instead") { _ = try AttributeValue(" ") }
    expectRefusal(.invalidArgument, mentioning: "1025 bytes", "1 KiB") {
      _ = try AttributeValue(String(repeating: "x", count: 1025))
    }
  }

  @Test("display names: one line, 1 to 100 characters")
  func displayNames() throws {
    #expect(try DisplayName("  Ana Souza ").rawValue == "Ana Souza")
    #expect(try DisplayName("李小龍 🐉").rawValue == "李小龍 🐉")
    expectRefusal(.invalidArgument, mentioning: "empty") { _ = try DisplayName("") }
    expectRefusal(.invalidArgument, mentioning: "one line") { _ = try DisplayName("Ana\nSouza") }
    expectRefusal(.invalidArgument, mentioning: "101 characters") {
      _ = try DisplayName(String(repeating: "n", count: 101))
    }
  }

  @Test(
    "tag names: letters of any script, digits, spaces and - _ . & / +",
    arguments: [
      ("VIP", "VIP"), ("  hot   lead ", "hot lead"), ("São Paulo", "São Paulo"),
      ("Q3-2025/promo", "Q3-2025/promo"), ("B&B+", "B&B+"), ("first-message", "first-message"),
    ])
  func tagAccepted(text: String, stored: String) throws {
    #expect(try TagName(text).rawValue == stored)
  }

  @Test(
    "tag names refused",
    arguments: [
      ("", "empty"), ("   ", "empty"), ("hot🔥", "holds '🔥'"), ("a#b", "holds '#'"),
      (String(repeating: "t", count: 51), "at most 50"),
    ])
  func tagRefused(text: String, fragment: String) {
    expectRefusal(.invalidArgument, mentioning: fragment) { _ = try TagName(text) }
  }

  @Test("tag names compare without regard to case and keep their spelling")
  func tagEquality() throws {
    #expect(try TagName("VIP") == TagName("vip"))
    #expect(try Set([TagName("VIP"), TagName("vip")]).count == 1)
    #expect(try TagName("Vip") != TagName("vip 2"))
  }

  @Test("contact fields by key: name, phone and email are the profile, the rest attributes")
  func contactFields() throws {
    #expect(try ContactField(key: "email") == .profile(.email))
    #expect(try ContactField(key: "city") == .attribute(AttributeKey("city")))
    expectRefusal(.invalidArgument, mentioning: "snake_case") { _ = try ContactField(key: "City") }
  }
}

import ChatDomain
import Testing

@Suite("Templates: {{placeholders}} filled from a contact")
struct MessageTemplateTests {
  static func contact() throws -> Contact {
    Contact(
      whatsAppID: try WhatsAppUserID("5511912345678"),
      name: try DisplayName("Ana"),
      phone: try PhoneNumber("+5511912345678"),
      attributes: [try AttributeKey("plan"): try AttributeValue("Gold")])
  }

  @Test(
    "placeholders render the profile and attributes; a missing value renders its default or nothing",
    arguments: [
      ("Hello {{name}}!", "Hello Ana!"),
      ("Plan: {{ plan }}, phone {{phone}}", "Plan: Gold, phone +5511912345678"),
      ("Email: [{{email}}]", "Email: []"),
      ("Hi {{email|friend}}", "Hi friend"),
      ("Hi {{name|friend}}", "Hi Ana"),
      ("Colour: {{colour}}.", "Colour: ."),
      ("no placeholders { } }} {x}", "no placeholders { } }} {x}"),
      ("{{name}}{{plan}}", "AnaGold"),
      ("", ""),
    ])
  func render(source: String, rendered: String) throws {
    #expect(try MessageTemplate(source).render(for: Self.contact()) == rendered)
  }

  @Test(
    "malformed placeholders are refused with where and why",
    arguments: [
      ("Hello {{name", "at character 7 is never closed"),
      ("Hello {{ }}", "names no field"),
      ("Hello {{First Name}}", "such as 'first_name'"),
      ("{{|x}}", "names no field"),
    ])
  func malformed(source: String, fragment: String) {
    expectRefusal(.invalidArgument, mentioning: fragment) { _ = try MessageTemplate(source) }
  }

  @Test("placeholders are listed once each, in order")
  func placeholders() throws {
    let template = try MessageTemplate("{{plan}} {{name}} {{plan|x}} {{email}}")
    #expect(
      template.placeholders == [
        .attribute(try AttributeKey("plan")), .profile(.name), .profile(.email),
      ])
  }

  @Test(
    "a campaign's template is checked against the workspace's attributes, listing every unknown key"
  )
  func unknownKeys() throws {
    let known: Set = [try AttributeKey("plan"), try AttributeKey("city")]
    #expect(throws: Never.self) {
      try MessageTemplate("{{name}}: {{plan}} in {{city}}").checkPlaceholders(
        knownAttributes: known)
    }
    let template = try MessageTemplate("{{name}}, {{colour}} {{size}} {{colour}} {{plan}}")
    expectRefusal(
      .invalidArgument, mentioning: "attributes no contact has: {{colour}}, {{size}}",
      "known: name, phone, email, city, plan"
    ) {
      try template.checkPlaceholders(knownAttributes: known)
    }
  }
}

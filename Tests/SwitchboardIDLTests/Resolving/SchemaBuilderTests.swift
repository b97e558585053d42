import SwitchboardIDL
import Testing

/// Compiles `text` as `test.proto`, expecting it to be valid, and returns its only file.
func compileClean(
  _ text: String,
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> SchemaFile {
  let result = compile(text)
  #expect(result.diagnostics.map(shortForm) == [], sourceLocation: sourceLocation)
  let schema = try #require(result.schema, sourceLocation: sourceLocation)
  return try #require(schema.files.first, sourceLocation: sourceLocation)
}

@Suite struct SchemaBuilderTests {
  @Test func labelsTypesAndOneofs() throws {
    let file = try compileClean(
      header + """
        message Contact {
          string name = 1;
          optional int32 age = 2;
          repeated string emails = 3;
          Contact referrer = 4;
          map<int64, Kind> kinds = 5;
          repeated Kind history = 6 [packed = true, deprecated = true];
          oneof channel {
            string phone = 7;
            Address address = 8;
          }
          optional Address home = 9;
          enum Kind { KIND_UNSPECIFIED = 0; KIND_VIP = 1; }
        }
        message Address { string city = 1; }
        """)
    #expect(file.package == "test")
    let contact = try #require(file.messages.first)
    #expect(contact.fullName == "test.Contact")
    let fields = Dictionary(uniqueKeysWithValues: contact.fields.map { ($0.name, $0) })
    #expect(fields["name"]?.label == .singular)
    #expect(fields["name"]?.type == .scalar(.string))
    #expect(fields["age"]?.label == .optional)
    #expect(fields["emails"]?.label == .repeated)
    #expect(fields["referrer"]?.label == .singular)
    #expect(fields["referrer"]?.type == .message("test.Contact"))
    #expect(fields["kinds"]?.label == .repeated)
    #expect(fields["kinds"]?.type == .map(key: .int64, value: .enumeration("test.Contact.Kind")))
    #expect(fields["history"]?.packed == true)
    #expect(fields["history"]?.isDeprecated == true)
    #expect(fields["history"]?.isPacked == true)
    #expect(fields["phone"]?.oneofIndex == 0)
    #expect(fields["phone"]?.label == .singular)
    #expect(fields["address"]?.type == .message("test.Address"))
    #expect(fields["home"]?.label == .optional)
    #expect(fields["home"]?.oneofIndex == nil)
    #expect(contact.oneofs.map(\.name) == ["channel"])
    #expect(contact.fields.map(\.number) == [1, 2, 3, 4, 5, 6, 7, 8, 9])
    #expect(contact.enums.first?.fullName == "test.Contact.Kind")
    #expect(contact.enums.first?.values.map(\.number) == [0, 1])
    #expect(fields["name"]?.location.description == "test.proto:4:10")
  }

  @Test func reservedRangesAndMax() throws {
    let file = try compileClean(
      header + """
        message M {
          reserved 2, 15, 9 to 11, 40 to max;
          reserved "foo", "bar";
          int32 a = 1;
        }
        enum E {
          E_ZERO = 0;
          reserved -3 to -1, 10 to max;
          reserved "E_OLD";
        }
        """)
    let message = try #require(file.messages.first)
    #expect(message.reservedNumbers == [2...2, 15...15, 9...11, 40...536_870_911])
    #expect(message.reservedNames == ["foo", "bar"])
    let enumType = try #require(file.enums.first)
    #expect(enumType.reservedNumbers == [-3...(-1), 10...Int32.max])
    #expect(enumType.reservedNames == ["E_OLD"])
  }

  @Test func documentationAndDeprecationReachTheModel() throws {
    let file = try compileClean(
      header + """
        // A message.
        message M {
          option deprecated = true;
          // A field.
          int32 a = 1 [deprecated = true];
          // A choice.
          oneof o { int32 b = 2; }
        }
        // An enum.
        enum E {
          option deprecated = true;
          // Zero.
          E_ZERO = 0 [deprecated = true];
        }
        // A service.
        service S {
          option deprecated = true;
          // A call.
          rpc Call(M) returns (M) { option deprecated = true; }
        }
        """)
    let message = try #require(file.messages.first)
    #expect(message.documentation == "A message.")
    #expect(message.isDeprecated)
    #expect(message.fields.first?.documentation == "A field.")
    #expect(message.fields.first?.isDeprecated == true)
    #expect(message.oneofs.first?.documentation == "A choice.")
    let enumType = try #require(file.enums.first)
    #expect(enumType.documentation == "An enum.")
    #expect(enumType.isDeprecated)
    #expect(enumType.values.first?.documentation == "Zero.")
    #expect(enumType.values.first?.isDeprecated == true)
    let service = try #require(file.services.first)
    #expect(service.documentation == "A service.")
    #expect(service.isDeprecated)
    #expect(service.fullName == "test.S")
    #expect(service.methods.first?.documentation == "A call.")
    #expect(service.methods.first?.isDeprecated == true)
    #expect(service.methods.first?.inputType == "test.M")
  }

  @Test func fileWithoutPackage() throws {
    let file = try compileClean("syntax = \"proto3\";\nmessage M { N n = 1; message N {} }")
    #expect(file.package == "")
    #expect(file.messages.first?.fullName == "M")
    #expect(file.messages.first?.fields.first?.type == .message("M.N"))
  }

  @Test func emptyStatementsAndIgnoredOptions() throws {
    let file = try compileClean(
      header + """
        ;
        option java_package = "x";
        option optimize_for = SPEED;
        message M { option map_entry = false; ; int32 a = 1 [json_name = "A", lazy = true]; }
        enum E { option allow_alias = false; ; ZERO = 0; }
        service S { ; option x = -inf; rpc R(M) returns (M) { ; } }
        """)
    #expect(file.messages.map(\.name) == ["M"])
    #expect(file.services.first?.methods.count == 1)
  }
}

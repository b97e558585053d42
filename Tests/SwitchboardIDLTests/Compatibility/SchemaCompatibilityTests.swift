import SwitchboardIDL
import Testing

/// Compiles two versions of one schema (as `old.proto` and `new.proto`) and compares them.
private func issues(
  old: String,
  new: String,
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [String] {
  let oldResult = compile(["old.proto": header + old])
  let newResult = compile(["new.proto": header + new])
  #expect(oldResult.diagnostics.map(\.description) == [], sourceLocation: sourceLocation)
  #expect(newResult.diagnostics.map(\.description) == [], sourceLocation: sourceLocation)
  guard let oldSchema = oldResult.schema, let newSchema = newResult.schema else { return [] }
  return SchemaCompatibility.check(old: oldSchema, new: newSchema).map(\.description)
}

/// Only the breaking issues, as descriptions.
private func breaking(old: String, new: String) -> [String] {
  issues(old: old, new: new).filter { $0.contains(": error: ") }
}

@Suite struct BreakingChangeTests {
  @Test func fieldTypeChanged() {
    #expect(
      issues(
        old: "message Contact { string name = 3; }", new: "message Contact {\n  int32 name = 3;\n}")
        == [
          "new.proto:4:9: error: field 3 of test.Contact changed type from string to int32"
        ])
  }

  @Test func numberReusedWithAnotherNameAndType() {
    #expect(
      issues(old: "message M { string name = 1; }", new: "message M { int64 age = 1; }") == [
        "new.proto:3:19: error: field 1 of test.M (renamed from 'name' to 'age') changed type from string to int64"
      ])
  }

  @Test func typesOutsideOneCompatibleGroup() {
    let pairs = [
      ("int32", "sint32"), ("float", "double"), ("int32", "fixed32"), ("bytes", "int64"),
      ("sint64", "sfixed64"), ("bool", "string"),
    ]
    for (before, after) in pairs {
      #expect(
        breaking(old: "message M { \(before) a = 1; }", new: "message M { \(after) a = 1; }") == [
          "new.proto:3:\(14 + after.count): error: field 1 of test.M changed type from \(before) to \(after)"
        ])
    }
  }

  @Test func messageTypeChanged() {
    #expect(
      breaking(
        old: "message A {}\nmessage B {}\nmessage M { A a = 1; }",
        new: "message A {}\nmessage B {}\nmessage M { B a = 1; }") == [
          "new.proto:5:15: error: field 1 of test.M changed type from test.A to test.B"
        ])
  }

  @Test func enumToIntegerIsTreatedAsBreaking() {
    let withEnum = "enum E { E_ZERO = 0; }\nmessage M { E e = 1; }"
    let withInt = "enum E { E_ZERO = 0; }\nmessage M { int32 e = 1; }"
    #expect(
      breaking(old: withEnum, new: withInt) == [
        "new.proto:4:19: error: field 1 of test.M changed type from test.E to int32"
      ])
    #expect(breaking(old: withInt, new: withEnum).count == 1)
  }

  @Test func singularToRepeatedOnlyForLengthDelimitedTypes() {
    #expect(
      breaking(old: "message M { int32 a = 1; }", new: "message M { repeated int32 a = 1; }") == [
        "new.proto:3:28: error: field 1 of test.M changed type from int32 to repeated int32: singular to repeated is only compatible for string, bytes and message fields"
      ])
    #expect(
      breaking(old: "message M { string a = 1; }", new: "message M { repeated string a = 1; }")
        == [])
    #expect(breaking(old: "message M { repeated M a = 1; }", new: "message M { M a = 1; }") == [])
    #expect(
      breaking(old: "message M { repeated string a = 1; }", new: "message M { bytes a = 1; }").count
        == 1)
  }

  @Test func optionalAddedOrRemovedOnScalars() {
    #expect(
      breaking(old: "message M { int32 a = 1; }", new: "message M { optional int32 a = 1; }") == [
        "new.proto:3:28: error: field 1 of test.M changed type from int32 to optional int32: adding 'optional' changes whether default values are sent"
      ])
    #expect(
      breaking(
        old: "enum E { E_ZERO = 0; }\nmessage M { optional E a = 1; }",
        new: "enum E { E_ZERO = 0; }\nmessage M { E a = 1; }") == [
          "new.proto:4:15: error: field 1 of test.M changed type from optional test.E to test.E: removing 'optional' changes whether default values are sent"
        ])
    #expect(issues(old: "message M { M a = 1; }", new: "message M { optional M a = 1; }") == [])
  }

  @Test func mapsChangeOnlyToCompatibleMaps() {
    #expect(
      breaking(
        old: "message M { map<string, int32> a = 1; }",
        new: "message M { map<string, string> a = 1; }") == [
          "new.proto:3:33: error: field 1 of test.M changed type from map<string, int32> to map<string, string>"
        ])
    #expect(
      breaking(old: "message M { map<string, M> a = 1; }", new: "message M { repeated M a = 1; }")
        .count == 1)
    #expect(
      breaking(
        old: "message M { map<int32, string> a = 1; }",
        new: "message M { map<int64, bytes> a = 1; }") == [])
  }

  @Test func removedFieldWithoutReservation() {
    #expect(
      issues(old: "message M { int32 a = 1; string gone = 2; }", new: "message M { int32 a = 1; }")
        == [
          "new.proto:3:9: error: field 2 of test.M ('gone') was removed without reserving its number: add 'reserved 2;'"
        ])
  }

  @Test func removedEnumValueWithoutReservation() {
    #expect(
      issues(old: "enum E { E_ZERO = 0; E_ONE = 1; }", new: "enum E { E_ZERO = 0; }") == [
        "new.proto:3:6: error: value 1 of enum test.E ('E_ONE') was removed without reserving its number: add 'reserved 1;'"
      ])
  }

  @Test func fieldsMovedIntoOrOutOfOneofs() {
    #expect(
      breaking(old: "message M { int32 a = 1; }", new: "message M { oneof o { int32 a = 1; } }")
        == [
          "new.proto:3:29: error: field 1 of test.M moved into oneof 'o'"
        ])
    #expect(
      breaking(old: "message M { oneof o { int32 a = 1; } }", new: "message M { int32 a = 1; }")
        == [
          "new.proto:3:19: error: field 1 of test.M moved out of oneof 'o'"
        ])
    #expect(
      breaking(
        old: "message M { oneof o { int32 a = 1; int32 b = 2; } }",
        new: "message M { oneof o { int32 a = 1; } oneof p { int32 b = 2; } }") == [
          "new.proto:3:29: error: field 1 of test.M no longer shares a oneof with field 2: setting one used to clear the other"
        ])
    #expect(
      issues(
        old: "message M { oneof o { int32 a = 1; } }",
        new: "message M { oneof renamed { int32 a = 1; } }") == [])
  }

  @Test func declarationsRemovedOrRenamed() {
    let old =
      "message A {}\nenum E { E_ZERO = 0; }\nservice S { rpc Call(A) returns (A); }\nservice T {}"
    let new = "message B {}\nenum F { F_ZERO = 0; }\nservice S { rpc Renamed(B) returns (B); }"
    #expect(
      issues(old: old, new: new) == [
        "old.proto:3:9: error: message test.A was removed or renamed",
        "old.proto:4:6: error: enum test.E was removed or renamed",
        "old.proto:5:17: error: rpc test.S/Call was removed or renamed",
        "old.proto:6:9: error: service test.T was removed or renamed",
      ])
  }

  @Test func nestedDeclarationsAreMatchedByFullName() {
    #expect(
      breaking(old: "message M { message Inner {} }", new: "message M {}\nmessage Inner {}") == [
        "old.proto:3:21: error: message test.M.Inner was removed or renamed"
      ])
  }

  @Test func rpcSignatureChanges() {
    let messages = "message A {}\nmessage B {}\n"
    #expect(
      issues(
        old: messages + "service S { rpc Call(A) returns (A); }",
        new: messages + "service S { rpc Call(B) returns (stream B); }") == [
          "new.proto:5:17: error: rpc test.S/Call changed its request type from test.A to test.B",
          "new.proto:5:17: error: rpc test.S/Call changed its response type from test.A to test.B",
          "new.proto:5:17: error: rpc test.S/Call changed from unary to server streaming",
        ])
    #expect(
      breaking(
        old: messages + "service S { rpc Call(stream A) returns (A); }",
        new: messages + "service S { rpc Call(stream A) returns (stream A); }") == [
          "new.proto:5:17: error: rpc test.S/Call changed from client streaming to bidirectional streaming"
        ])
  }

  @Test func reservedNumbersTakenByNewFieldsOrValues() {
    #expect(
      breaking(
        old: "message M { reserved 2; }\nenum E { E_ZERO = 0; reserved 1; }",
        new: "message M { int32 b = 2; }\nenum E { E_ZERO = 0; E_ONE = 1; }") == [
          "new.proto:3:19: error: field 2 ('b') of test.M reuses a number reserved in the old schema",
          "new.proto:4:22: error: value 1 ('E_ONE') of enum test.E reuses a number reserved in the old schema",
        ])
  }
}

@Suite struct CompatibleChangeTests {
  @Test func identicalSchemas() {
    #expect(issues(old: richOld, new: richOld) == [])
  }

  @Test func additionsAreCompatible() {
    let new = """
      message Contact {
        string name = 1;
        Kind kind = 2;
        int64 added = 3;
        message NewNested {}
      }
      enum Kind { KIND_ZERO = 0; KIND_ADDED = 1; }
      message NewMessage {}
      enum NewEnum { NEW_ZERO = 0; }
      service Desk {
        rpc Get(Contact) returns (Contact);
        rpc Added(NewMessage) returns (stream NewMessage);
      }
      service NewService {}
      """
    #expect(issues(old: richOld, new: new) == [])
  }

  @Test func renamedFieldsAndValuesAreCompatibleButNoted() {
    let result = issues(
      old: "message M { int32 a = 1; }\nenum E { E_ZERO = 0; }",
      new: "message M { int32 b = 1; }\nenum E { E_NONE = 0; }")
    #expect(
      result == [
        "new.proto:3:19: warning: field 1 of test.M was renamed from 'a' to 'b': the binary encoding is unchanged, but JSON and generated code change",
        "new.proto:4:10: warning: value 0 of enum test.E was renamed from 'E_ZERO' to 'E_NONE': the binary encoding is unchanged, but JSON and generated code change",
      ])
  }

  @Test func removedAndReservedIsCompatible() {
    #expect(
      issues(
        old: "message M { int32 a = 1; int32 b = 2; }",
        new: "message M { int32 a = 1; reserved 2; reserved \"b\"; }") == [])
    #expect(
      issues(
        old: "enum E { E_ZERO = 0; E_ONE = 1; }",
        new: "enum E { E_ZERO = 0; reserved 1 to max; reserved \"E_ONE\"; }") == [])
    #expect(
      issues(
        old: "message M { int32 a = 1; int32 b = 2; }",
        new: "message M { int32 a = 1; reserved 2; }") == [
          "new.proto:3:9: warning: field 2 of test.M ('b') was removed and its number reserved, but not its name: add 'reserved \"b\";' so JSON peers cannot reuse it"
        ])
  }

  @Test func typesWithinACompatibleGroup() {
    let pairs = [
      ("int32", "int64"), ("uint32", "bool"), ("uint64", "int32"), ("sint32", "sint64"),
      ("fixed32", "sfixed32"), ("sfixed64", "fixed64"), ("string", "bytes"),
    ]
    for (before, after) in pairs {
      let result = issues(
        old: "message M { \(before) a = 1; }", new: "message M { \(after) a = 1; }")
      #expect(result.count == 1)
      #expect(
        result.allSatisfy {
          $0.contains(
            ": warning: field 1 of test.M changed type from \(before) to \(after): compatible, but "
          )
        })
    }
  }

  @Test func issueValuesCarryBreakingAndLocation() throws {
    let old = try #require(compile(["old.proto": header + "message M { int32 a = 1; }"]).schema)
    let new = try #require(
      compile(["new.proto": header + "message M { int64 a = 1; string b = 2; }"]).schema)
    let found = SchemaCompatibility.check(old: old, new: new)
    #expect(found.count == 1)
    #expect(found.first?.isBreaking == false)
    #expect(found.first?.location?.description == "new.proto:3:19")
    #expect(CompatibilityIssue("x", at: nil, isBreaking: true).description == "error: x")
  }

  private var richOld: String {
    """
    message Contact {
      string name = 1;
      Kind kind = 2;
    }
    enum Kind { KIND_ZERO = 0; }
    service Desk { rpc Get(Contact) returns (Contact); }
    """
  }
}

import SwitchboardIDL
import Testing

/// Each rule on messages and fields, by exact text and place.
@Suite struct MessageDiagnosticsTests {
  private func check(_ body: String) -> [String] {
    diagnostics(header + "message M {\n" + body + "\n}")
  }

  @Test func duplicateFieldNumberNamesTheOtherField() {
    #expect(
      check("  int32 a = 1;\n  string b = 1;") == [
        "5:14: error: field number 1 is already used by field 'a' at line 4"
      ])
  }

  @Test func duplicateFieldNameNamesTheOtherField() {
    #expect(
      check("  int32 a = 1;\n  string a = 2;") == [
        "5:10: error: field name 'a' is already used by field 1 at line 4"
      ])
  }

  @Test func reservedNumbersAndNames() {
    #expect(
      check("  reserved 2, 9 to 11;\n  reserved \"old\";\n  int32 a = 10;\n  int32 old = 3;") == [
        "6:13: error: field 'a' uses reserved number 10",
        "7:9: error: field name 'old' is reserved",
      ])
  }

  @Test func fieldNumbersOutOfRange() {
    #expect(
      check("  int32 a = 0;\n  int32 b = 536870912;\n  int32 c = -1;") == [
        "4:13: error: field number 0 is out of range: field numbers must be between 1 and 536870911",
        "5:13: error: field number 536870912 is out of range: field numbers must be between 1 and 536870911",
        "6:13: error: field number -1 is out of range: field numbers must be between 1 and 536870911",
      ])
  }

  @Test func implementationReservedNumbers() {
    #expect(
      check("  int32 a = 19000;\n  int32 b = 19999;\n  int32 c = 20000;") == [
        "4:13: error: field number 19000 is in the range 19000 to 19999, which is reserved for the protobuf implementation",
        "5:13: error: field number 19999 is in the range 19000 to 19999, which is reserved for the protobuf implementation",
      ])
  }

  @Test func invalidMapKeys() {
    let body = """
        map<float, int32> a = 1;
        map<double, int32> b = 2;
        map<bytes, int32> c = 3;
        map<M, int32> d = 4;
        map<E, int32> e = 5;
        map<.test.M, int32> f = 6;
        map<bool, int32> ok1 = 7;
        map<sfixed64, string> ok2 = 8;
        enum E { E_ZERO = 0; }
      """
    let reason = ": a key must be an integer type, bool or string"
    #expect(
      check(body) == [
        "4:7: error: invalid map key type 'float'" + reason,
        "5:7: error: invalid map key type 'double'" + reason,
        "6:7: error: invalid map key type 'bytes'" + reason,
        "7:7: error: invalid map key type 'M'" + reason,
        "8:7: error: invalid map key type 'E'" + reason,
        "9:7: error: invalid map key type '.test.M'" + reason,
      ])
  }

  @Test func packedOnlyOnRepeatedPackableFields() {
    #expect(
      check(
        "  int32 a = 1 [packed = true];\n  repeated string b = 2 [packed = true];\n  repeated M c = 3 [packed = false];\n  repeated bool ok = 4 [packed = false];"
      ) == [
        "4:16: error: 'packed' applies only to repeated fields of numeric, bool or enum type",
        "5:26: error: 'packed' applies only to repeated fields of numeric, bool or enum type",
        "6:21: error: 'packed' applies only to repeated fields of numeric, bool or enum type",
      ])
  }

  @Test func jsonNamesMustBeDistinct() {
    #expect(
      check("  int32 foo_bar = 1;\n  int32 fooBar = 2;") == [
        "5:9: error: field 'fooBar' has the same JSON name 'fooBar' as field 'foo_bar' at line 4"
      ])
  }

  @Test func emptyOneof() {
    #expect(
      check("  oneof nothing {}\n  int32 a = 1;") == [
        "4:9: error: oneof 'nothing' must have at least one field"
      ])
  }

  @Test func reservedStatementsAreChecked() {
    let body = """
        reserved 5 to 3;
        reserved 0, 536870912 to max;
        reserved 10 to 20, 15;
        reserved "not valid", "";
      """
    #expect(
      check(body) == [
        "4:12: error: reserved range 5 to 3 is empty: its end is smaller than its start",
        "5:12: error: reserved number 0 is out of range: field numbers must be between 1 and 536870911",
        "5:15: error: reserved range 536870912 to 536870911 is empty: its end is smaller than its start",
        "6:22: error: reserved number 15 overlaps the reserved range 10 to 20",
        "7:12: error: reserved name \"not valid\" is not a valid identifier",
        "7:25: error: reserved name \"\" is not a valid identifier",
      ])
  }

  @Test func duplicateTypeNamesInAScope() {
    let text =
      header + """
        message A {}
        enum A { A_ZERO = 0; }
        message M {
          message Inner {}
          enum Inner { INNER_ZERO = 0; }
          int32 Inner = 1;
        }
        service M {}
        """
    #expect(
      diagnostics(text) == [
        "4:6: error: 'A' is already defined in 'test' (message at line 3)",
        "7:8: error: 'Inner' is already defined in 'test.M' (message at line 6)",
        "8:9: error: 'Inner' is already defined in 'test.M' (message at line 6)",
        "10:9: error: 'M' is already defined in 'test' (message at line 5)",
      ])
  }

  @Test func mapEntryNamesAreTaken() {
    let text = header + """
      message M {
        map<string, int32> foo_bar = 1;
        message FooBarEntry {}
        message LaterEntry {}
        map<string, int32> later = 2;
      }
      """
    #expect(
      diagnostics(text) == [
        "5:11: error: 'FooBarEntry' clashes with the entry message of the map field at line 4",
        "7:22: error: the entry message 'LaterEntry' of this map field clashes with the message"
          + " at line 6",
      ])
  }

  @Test func topLevelNamesWithoutPackage() {
    #expect(
      diagnostics("syntax = \"proto3\";\nmessage A {}\nmessage A {}") == [
        "3:9: error: 'A' is already defined in the top level (message at line 2)"
      ])
  }
}

import SwitchboardIDL
import Testing

/// Each rule on enums and their values, by exact text and place.
@Suite struct EnumDiagnosticsTests {
  @Test func firstValueMustBeZero() {
    #expect(
      diagnostics(header + "enum E {\n  E_ONE = 1;\n  E_ZERO = 0;\n}") == [
        "4:11: error: the first value of enum 'E' must be 0 in proto3, found 1"
      ])
  }

  @Test func duplicateNumbersAreAliasesWhichAreNotSupported() {
    #expect(
      diagnostics(header + "enum E {\n  E_ZERO = 0;\n  E_NONE = 0;\n}") == [
        "5:12: error: enum value number 0 is already used by 'E_ZERO' at line 4 (aliases are not supported)"
      ])
  }

  @Test func duplicateNames() {
    #expect(
      diagnostics(header + "enum E {\n  E_ZERO = 0;\n  E_ZERO = 1;\n}") == [
        "5:3: error: enum value name 'E_ZERO' is already used at line 4"
      ])
  }

  @Test func siblingEnumsShareTheirScopeInPackages() {
    #expect(
      diagnostics(header + "enum A { UNKNOWN = 0; }\nenum B { UNKNOWN = 0; }") == [
        "4:10: error: enum value 'UNKNOWN' clashes with 'UNKNOWN' of enum 'test.A' at line 3: enum values are scoped to their enclosing 'test', not to their enum"
      ])
  }

  @Test func siblingEnumsShareTheirScopeInMessages() {
    let text =
      header + """
        message M {
          enum A { UNKNOWN = 0; }
          enum B { UNKNOWN = 0; }
        }
        enum C { UNKNOWN = 0; }
        """
    #expect(
      diagnostics(text) == [
        "5:12: error: enum value 'UNKNOWN' clashes with 'UNKNOWN' of enum 'test.M.A' at line 4: enum values are scoped to their enclosing 'test.M', not to their enum"
      ])
  }

  @Test func enumValuesClashWithOtherNamesOfTheirScope() {
    #expect(
      diagnostics(header + "message DONE {}\nenum State { STATE_ZERO = 0; DONE = 1; }") == [
        "4:30: error: 'DONE' is already defined in 'test' (message at line 3)"
      ])
  }

  @Test func reservedNumbersAndNames() {
    #expect(
      diagnostics(
        header
          + "enum E {\n  reserved 1, 5 to max;\n  reserved \"E_OLD\";\n  E_ZERO = 0;\n  E_OLD = 2;\n  E_BIG = 7;\n}"
      ) == [
        "7:3: error: enum value name 'E_OLD' is reserved",
        "8:11: error: enum value 'E_BIG' uses reserved number 7",
      ])
  }

  @Test func emptyEnum() {
    #expect(
      diagnostics(header + "enum E {}") == ["3:6: error: enum 'E' must have at least one value"])
  }

  @Test func numbersMustFitInInt32() {
    #expect(
      diagnostics(
        header
          + "enum E {\n  E_ZERO = 0;\n  E_BIG = 2147483648;\n  E_SMALL = -2147483649;\n  E_MIN = -2147483648;\n}"
      ) == [
        "5:11: error: enum value number 2147483648 is out of range: enum value numbers must fit in int32",
        "6:13: error: enum value number -2147483649 is out of range: enum value numbers must fit in int32",
      ])
  }
}

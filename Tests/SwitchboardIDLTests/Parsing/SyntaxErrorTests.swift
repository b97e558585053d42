import SwitchboardIDL
import Testing

/// Each syntax error with its exact text and place; the constructs outside the subset are
/// named in their messages.
@Suite struct SyntaxErrorTests {
  @Test func missingSemicolonNamesWhatWasExpectedAndFound() {
    #expect(
      diagnostics(header + "message M {\n  int32 a = 1\n  int32 b = 2;\n}") == [
        "5:3: error: expected ';' after field declaration, found 'int32'"
      ])
  }

  @Test func severalErrorsInOneFileAreAllReported() {
    let text =
      header + """
        message A {
          int32 a = ;
          string b 2;
          int32 c = 3;
        }
        message {
        }
        enum E { ZERO = 0 ONE = 1; }
        service S { rpc Get(A) returns A; }
        message Fine { int32 x = 1; }
        """
    #expect(
      diagnostics(text) == [
        "4:13: error: expected field number, found ';'",
        "5:12: error: expected '=' after field name, found '2'",
        "8:9: error: expected message name, found '{'",
        "10:19: error: expected ';' after enum value, found 'ONE'",
        "11:32: error: expected '(' after 'returns', found 'A'",
      ])
  }

  @Test func syntaxStatementIsRequiredFirst() {
    #expect(
      diagnostics("message M {}") == [
        "1:1: error: missing 'syntax = \"proto3\";': it must be the first statement"
      ])
    #expect(
      diagnostics("") == [
        "1:1: error: missing 'syntax = \"proto3\";': it must be the first statement"
      ])
    #expect(
      diagnostics("package a;\nsyntax = \"proto3\";") == [
        "1:1: error: missing 'syntax = \"proto3\";': it must be the first statement",
        "2:1: error: 'syntax' must be the first statement of the file",
      ])
  }

  @Test func proto2AndUnknownSyntaxes() {
    #expect(
      diagnostics("syntax = \"proto2\";") == [
        "1:10: error: proto2 syntax is not supported: only syntax = \"proto3\" schemas are"
      ])
    #expect(
      diagnostics("syntax = 'proto4';") == [
        "1:10: error: unknown syntax 'proto4': expected \"proto3\""
      ])
    #expect(
      diagnostics("syntax = proto3;") == [
        "1:10: error: expected \"proto3\" after 'syntax =', found 'proto3'"
      ])
  }

  @Test func editionsAreNamed() {
    #expect(
      diagnostics("edition = \"2023\";\nmessage M {}") == [
        "1:1: error: editions are not supported: replace 'edition = ...' with 'syntax = \"proto3\";'"
      ])
  }

  @Test func extendIsNamed() {
    #expect(
      diagnostics(header + "extend Foo { int32 bar = 100; }\nmessage M { extend Foo {} }") == [
        "3:1: error: 'extend' is not supported: extensions are a proto2 feature",
        "4:13: error: 'extend' is not supported: extensions are a proto2 feature",
      ])
  }

  @Test func extensionsRangesAreNamed() {
    #expect(
      diagnostics(header + "message M {\n  extensions 100 to 199;\n}") == [
        "4:3: error: 'extensions' ranges are not supported: extensions are a proto2 feature"
      ])
  }

  @Test func requiredIsNamed() {
    #expect(
      diagnostics(header + "message M {\n  required int32 a = 1;\n}") == [
        "4:3: error: 'required' fields are not supported in proto3"
      ])
  }

  @Test func groupsAreNamed() {
    #expect(
      diagnostics(
        header + "message M {\n  repeated group Result = 1 {\n    string url = 2;\n  }\n}")
        == ["4:12: error: groups are not supported in proto3: declare a nested message instead"])
  }

  @Test func customOptionsAreNamed() {
    let text =
      header + """
        option (my.file_opt) = true;
        message M {
          option (.my.msg).sub = 1;
          int32 a = 1 [(my.field_opt) = 2];
          int32 b = 2 [deprecated = true, (x) = 1];
        }
        """
    #expect(
      diagnostics(text) == [
        "3:8: error: custom options '(my.file_opt)' are not supported",
        "5:10: error: custom options '(.my.msg)' are not supported",
        "6:16: error: custom options '(my.field_opt)' are not supported",
        "7:35: error: custom options '(x)' are not supported",
      ])
  }

  @Test func enumAliasesAreRejected() {
    #expect(
      diagnostics(header + "enum E {\n  option allow_alias = true;\n  A = 0;\n  B = 0;\n}") == [
        "4:10: error: enum aliases are not supported: remove 'option allow_alias = true;' and give every value its own number"
      ])
  }

  @Test func defaultValuesAreProto2Only() {
    #expect(
      diagnostics(header + "message M {\n  int32 a = 1 [default = 5];\n}") == [
        "4:16: error: default values are not supported in proto3 ('default' is a proto2 option)"
      ])
  }

  @Test func oneofMembersTakeNoLabelAndNoMap() {
    let text =
      header + """
        message M {
          oneof o {
            optional int32 a = 1;
            repeated int32 b = 2;
            map<string, int32> c = 3;
            int32 d = 4;
          }
        }
        """
    #expect(
      diagnostics(text) == [
        "5:5: error: fields in a oneof cannot have a label ('optional')",
        "6:5: error: fields in a oneof cannot have a label ('repeated')",
        "7:5: error: map fields are not allowed in a oneof",
      ])
  }

  @Test func mapsTakeNoLabelAndNoMapValue() {
    let text =
      header + """
        message M {
          repeated map<string, int32> a = 1;
          optional map<string, int32> b = 2;
          map<string, map<string, int32>> c = 3;
        }
        """
    #expect(
      diagnostics(text) == [
        "4:3: error: 'repeated' cannot be used on a map field: maps are already repeated",
        "5:3: error: 'optional' cannot be used on a map field: maps are already repeated",
        "6:15: error: map values cannot be maps: wrap the inner map in a message",
      ])
  }

  @Test func reservedNamesMustBeStrings() {
    #expect(
      diagnostics(header + "message M {\n  reserved foo, bar;\n}") == [
        "4:12: error: reserved names must be quoted strings in proto3: write \"foo\""
      ])
  }

  @Test func deprecatedMustBeABool() {
    #expect(
      diagnostics(header + "message M {\n  int32 a = 1 [deprecated = 1];\n}") == [
        "4:29: error: option 'deprecated' must be true or false"
      ])
  }

  @Test func unclosedBlockAndStrayTokens() {
    #expect(
      diagnostics(header + "message M {\n  int32 a = 1;\n") == [
        "5:1: error: expected '}' to close message 'M', found end of file"
      ])
    #expect(
      diagnostics(header + "}\n= message M {}") == [
        "3:1: error: expected 'message', 'enum', 'service', 'import', 'package' or 'option', found '}'",
        "4:1: error: expected 'message', 'enum', 'service', 'import', 'package' or 'option', found '='",
      ])
  }

  @Test func onlyOnePackage() {
    #expect(
      diagnostics(header + "package other;") == [
        "3:1: error: only one 'package' statement is allowed; the first is at line 2"
      ])
  }

  @Test func integersTooLarge() {
    #expect(
      diagnostics(header + "message M { int32 a = 99999999999999999999; }") == [
        "3:23: error: integer 99999999999999999999 is too large"
      ])
  }

  @Test func lexicalErrorsAreNotReportedTwice() {
    #expect(
      diagnostics(header + "message M { int32 a = 1x; é }") == [
        "3:23: error: invalid number '1x'",
        "3:27: error: unexpected character 'é'",
      ])
  }

  @Test func nestingIsBounded() {
    let depth = 70
    let text =
      header + String(repeating: "message M {\n", count: depth)
      + String(repeating: "}\n", count: depth)
    let found = diagnostics(text)
    #expect(found.first == "67:1: error: messages are nested more than 64 levels deep")
  }
}

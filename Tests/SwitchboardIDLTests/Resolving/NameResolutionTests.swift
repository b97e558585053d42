import SwitchboardIDL
import Testing

/// protobuf's scoping rules: innermost scope first, leading dots, package prefixes.
@Suite struct NameResolutionTests {
  private func types(_ text: String) throws -> [String: FieldType] {
    let file = try compileClean(text)
    var result: [String: FieldType] = [:]
    func collect(_ message: MessageType) {
      for field in message.fields { result[field.name] = field.type }
      message.messages.forEach(collect)
    }
    file.messages.forEach(collect)
    return result
  }

  @Test func innermostScopeIsSearchedFirst() throws {
    let found = try types(
      "syntax = \"proto3\";\npackage a;\n" + """
        message Kind {}
        message M {
          enum Kind { K = 0; }
          Kind inner = 1;
          .a.Kind outer = 2;
          a.Kind qualified = 3;
          M.Kind self = 4;
        }
        """)
    #expect(found["inner"] == .enumeration("a.M.Kind"))
    #expect(found["outer"] == .message("a.Kind"))
    #expect(found["qualified"] == .message("a.Kind"))
    #expect(found["self"] == .enumeration("a.M.Kind"))
  }

  @Test func nestedMessagesSeeTheirParentsSiblings() throws {
    let found = try types(
      header + """
        message Outer {
          message A {}
          message B {
            A a = 1;
            Outer outer = 2;
            B b = 3;
          }
        }
        """)
    #expect(found["a"] == .message("test.Outer.A"))
    #expect(found["outer"] == .message("test.Outer"))
    #expect(found["b"] == .message("test.Outer.B"))
  }

  @Test func fieldNamesDoNotHideTypes() throws {
    let found = try types(
      header + "enum Kind { K = 0; }\nmessage M {\n  int32 Kind = 1;\n  Kind k = 2;\n}")
    #expect(found["k"] == .enumeration("test.Kind"))
  }

  @Test func packagePrefixesResolveAcrossFiles() throws {
    let result = compile(
      [
        "y.proto": """
        syntax = "proto3";
        package x.y;
        import "z.proto";
        message M {
          z.Z partial = 1;
          x.z.Z full = 2;
          .x.z.Z absolute = 3;
        }
        """,
        "z.proto": "syntax = \"proto3\";\npackage x.z;\nmessage Z {}",
      ], paths: ["y.proto"])
    #expect(result.diagnostics.map(shortForm) == [])
    let types = result.schema?.file(at: "y.proto")?.messages.first?.fields.map(\.type)
    #expect(types == [.message("x.z.Z"), .message("x.z.Z"), .message("x.z.Z")])
  }

  @Test func unknownTypes() {
    #expect(
      diagnostics(header + "message M {\n  Nope a = 1;\n  map<string, .test.Gone> b = 2;\n}") == [
        "4:3: error: unknown type 'Nope'",
        "5:15: error: unknown type '.test.Gone'",
      ])
  }

  @Test func partlyQualifiedNameResolvedInTheWrongScope() {
    let text =
      "syntax = \"proto3\";\npackage a;\n" + """
        message Foo { message Bar {} }
        message M {
          message Foo {}
          Foo.Bar b = 1;
        }
        """
    #expect(
      diagnostics(text) == [
        "6:3: error: 'Foo.Bar' is resolved to 'a.M.Foo.Bar', which is not defined; the innermost"
          + " scope is searched first (write '.Foo.Bar' to start from the outermost scope)"
      ])
  }

  @Test func namesOfThingsThatAreNotTypes() {
    let text =
      header + """
        enum E { ZERO = 0; }
        message M {
          int32 x = 1;
          M.x a = 2;
          .test.ZERO b = 3;
          test c = 4;
          S d = 5;
        }
        service S { rpc R(M) returns (M); }
        """
    #expect(
      diagnostics(text) == [
        "6:3: error: 'M.x' resolves to field 'test.M.x', which is not a type",
        "7:3: error: '.test.ZERO' resolves to enum value 'test.ZERO', which is not a type",
        "8:3: error: 'test' resolves to package 'test', which is not a type",
        "9:3: error: unknown type 'S': 'test.S' is a service, not a type",
      ])
  }

  @Test func scalarKeywordsAreNotLookedUp() throws {
    let found = try types(
      header + "message string {}\nmessage M {\n  string a = 1;\n  .test.string b = 2;\n}")
    #expect(found["a"] == .scalar(.string))
    #expect(found["b"] == .message("test.string"))
  }
}

import SwitchboardIDL
import Testing

/// Imports through an in-memory source provider: found, missing, cyclic, visibility.
@Suite struct ImportTests {
  private func proto(_ package: String, _ body: String) -> String {
    "syntax = \"proto3\";\npackage \(package);\n" + body
  }

  private func lines(_ result: SchemaCompilation) -> [String] {
    result.diagnostics.map(\.description)
  }

  @Test func importedTypesResolve() throws {
    let result = compile(
      [
        "chat/chat.proto": proto(
          "chat", "import \"common/ids.proto\";\nmessage Chat { common.Id id = 1; }"),
        "common/ids.proto": proto("common", "message Id { string value = 1; }"),
      ], paths: ["chat/chat.proto"])
    #expect(lines(result) == [])
    let schema = try #require(result.schema)
    #expect(schema.files.map(\.path) == ["chat/chat.proto", "common/ids.proto"])
    #expect(schema.files[0].imports == ["common/ids.proto"])
    #expect(schema.files[0].messages[0].fields[0].type == .message("common.Id"))
  }

  @Test func requestedFilesComeFirstInRequestOrder() throws {
    let files = [
      "a.proto": proto("p", "import \"c.proto\";\nmessage A { C c = 1; }"),
      "b.proto": proto("p", "message B {}"),
      "c.proto": proto("p", "message C {}"),
    ]
    let schema = try #require(compile(files, paths: ["b.proto", "a.proto", "b.proto"]).schema)
    #expect(schema.files.map(\.path) == ["b.proto", "a.proto", "c.proto"])
  }

  @Test func missingImport() {
    let result = compile(["a.proto": proto("p", "import \"gone.proto\";\nmessage A {}")])
    #expect(
      lines(result) == [
        "a.proto:3:8: error: import \"gone.proto\" not found under the schema root"
      ])
    #expect(result.schema == nil)
  }

  @Test func missingRequestedFile() {
    #expect(
      lines(compile([:], paths: ["nowhere.proto"])) == [
        "nowhere.proto:1:1: error: file \"nowhere.proto\" not found under the schema root"
      ])
  }

  @Test func cyclicImportsNameTheCycle() {
    let result = compile(
      [
        "a.proto": proto("p", "import \"b.proto\";"),
        "b.proto": proto("p", "import \"c.proto\";"),
        "c.proto": proto("p", "import \"a.proto\";"),
      ], paths: ["a.proto"])
    #expect(
      lines(result) == [
        "c.proto:3:8: error: import cycle: a.proto -> b.proto -> c.proto -> a.proto"
      ])
  }

  @Test func aFileImportingItself() {
    #expect(
      lines(compile(["a.proto": proto("p", "import \"a.proto\";")])) == [
        "a.proto:3:8: error: import cycle: a.proto -> a.proto"
      ])
  }

  @Test func importedTwice() {
    let result = compile(
      [
        "a.proto": proto("p", "import \"b.proto\";\nimport \"b.proto\";"),
        "b.proto": proto("p", ""),
      ], paths: ["a.proto"])
    #expect(lines(result) == ["a.proto:4:8: error: 'b.proto' is imported twice"])
  }

  @Test func typesOfFilesNotImportedAreNotVisible() {
    let result = compile(
      [
        "a.proto": proto("p", "message A { B b = 1; }"),
        "b.proto": proto("p", "message B {}"),
      ], paths: ["a.proto", "b.proto"])
    #expect(
      lines(result) == [
        "a.proto:3:13: error: 'p.B' is defined in 'b.proto', which is not imported by 'a.proto'; add 'import \"b.proto\";'"
      ])
  }

  @Test func importsAreNotTransitiveUnlessPublic() {
    let files = [
      "a.proto": proto("p", "import \"b.proto\";\nmessage A { C c = 1; D d = 2; }"),
      "b.proto": proto("p", "import \"c.proto\";\nimport public \"d.proto\";"),
      "c.proto": proto("p", "message C {}"),
      "d.proto": proto("p", "message D {}"),
    ]
    #expect(
      lines(compile(files, paths: ["a.proto"])) == [
        "a.proto:4:13: error: 'p.C' is defined in 'c.proto', which is not imported by 'a.proto'; add 'import \"c.proto\";'"
      ])
  }

  @Test func aTypeDefinedByTwoFilesOfOnePackage() {
    let result = compile(
      [
        "a.proto": proto("chat", "import \"b.proto\";\nmessage Contact {}"),
        "b.proto": proto("chat", "message Contact {}"),
      ], paths: ["a.proto"])
    #expect(
      lines(result) == [
        "a.proto:4:9: error: 'chat.Contact' is already defined in file 'b.proto' (message at line 3)"
      ])
  }

  @Test func aPackageNameTakenByAType() {
    let result = compile(
      [
        "a.proto": proto("chat.contacts", "import \"b.proto\";"),
        "b.proto": proto("chat", "message contacts {}"),
      ], paths: ["a.proto"])
    #expect(
      lines(result) == [
        "a.proto:2:9: error: 'chat.contacts' is already defined in file 'b.proto' (message at line 3)"
      ])
  }

  @Test func syntaxErrorsInImportedFilesAreReportedWithTheirPath() {
    let result = compile(
      [
        "a.proto": proto("p", "import \"b.proto\";\nmessage A { B b = 1; }"),
        "b.proto": proto("p", "message B { int32 x = 1 }"),
      ], paths: ["a.proto"])
    #expect(
      lines(result) == ["b.proto:3:25: error: expected ';' after field declaration, found '}'"])
  }

  @Test func diagnosticsAreSortedByFileLineAndColumn() {
    let result = compile(
      [
        "a.proto": proto("p", "import \"b.proto\";\nmessage A { Nope x = 1; int32 y = 0; }"),
        "b.proto": proto("p", "message B { Gone g = 1; }"),
      ], paths: ["b.proto", "a.proto"])
    #expect(
      lines(result) == [
        "a.proto:4:13: error: unknown type 'Nope'",
        "a.proto:4:35: error: field number 0 is out of range: field numbers must be between 1 and 536870911",
        "b.proto:3:13: error: unknown type 'Gone'",
      ])
  }
}

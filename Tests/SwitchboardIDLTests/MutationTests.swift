import SwitchboardIDL
import Testing
import SwitchboardTestSupport


/// Abuses the whole front end with mutated schemas: it must never crash or hang, only report;
/// mutations that still compile go through the compatibility checker against the original.
@Suite struct MutationTests {
  /// Bytes worth inserting: structure, quotes, comment starts, digits, letters, newlines and
  /// bytes that are not valid UTF-8 on their own.
  private static let interestingBytes =
    Array("{}[]()<>;=,.-\"'/*\\\n 0179xzm_".utf8) + [0, 0x7F, 0xC3, 0xFF]

  /// Words worth inserting.
  private static let words = [
    "message", "enum", "oneof", "map<", "map", "<", ">", "repeated", "optional", "required",
    "reserved", "to", "max", "option", "(", ")", "[", "]", "{", "}", ";", "=", "stream", "rpc",
    "returns", "service", "import", "\"common.proto\"", "\"chat.proto\"", "package", "syntax",
    "group", "extend", "extensions", "0", "-1", "19000", "536870912", "0x7fffffff", ".",
    "/*", "*/", "//", "\"", "Contact", ".switchboard.chat.Contact", "Section", "deprecated",
    "allow_alias", "true",
  ]

  @Test func theRichSchemaIsValid() throws {
    let result = compile(richSchemaFiles, paths: ["chat.proto"])
    #expect(result.diagnostics.map(\.description) == [])
    let schema = try #require(result.schema)
    #expect(schema.files.map(\.path) == ["chat.proto", "common.proto", "ids.proto"])
    let contact = try #require(schema.files.first?.messages.first)
    #expect(
      contact.documentation
        == "A WhatsApp user talking to the business.\n\nAgents see the profile beside the chat.")
    #expect(contact.fields.count == 12)
  }

  @Test(.timeLimit(.minutes(1)))
  func mutatedSchemasOnlyProduceDiagnostics() {
    var generator = SeededGenerator(seed: 0x5EED_2024)
    let original = Array(richSchema.utf8)
    guard let originalSchema = compile(richSchemaFiles, paths: ["chat.proto"]).schema else {
      Issue.record("the rich schema does not compile")
      return
    }
    var rejected = 0
    for round in 0..<3000 {
      var bytes = original
      let mutations = 1 + Int(generator.next() % 4)
      for _ in 0..<mutations { mutate(&bytes, using: &generator) }
      let text = String(decoding: bytes, as: UTF8.self)
      var files = richSchemaImports
      files["chat.proto"] = text
      if round % 7 == 0 {
        // Sometimes mutate an import too, so errors come from several files.
        var imported = Array(richSchemaImports["ids.proto", default: ""].utf8)
        mutate(&imported, using: &generator)
        files["ids.proto"] = String(decoding: imported, as: UTF8.self)
      }
      let result = compile(files, paths: ["chat.proto"])
      if let mutated = result.schema {
        // A mutation that still compiles is a schema change: compare it both ways.
        _ = SchemaCompatibility.check(old: originalSchema, new: mutated)
        _ = SchemaCompatibility.check(old: mutated, new: originalSchema)
      }
      if result.schema == nil {
        rejected += 1
        #expect(result.hasErrors, "round \(round): no schema but no error")
      }
      for diagnostic in result.diagnostics {
        #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
        #expect(!diagnostic.message.isEmpty)
      }
    }
    // Most mutations break the schema; some (inside comments or strings) do not.
    #expect(rejected > 1500)
  }

  @Test func randomBytesOnlyProduceDiagnostics() {
    var generator = SeededGenerator(seed: 42)
    for _ in 0..<500 {
      let length = Int(generator.next() % 200)
      let bytes = (0..<length).map { _ in
        Self.interestingBytes[Int(generator.next() % UInt64(Self.interestingBytes.count))]
      }
      let result = compile("syntax = \"proto3\";\n" + String(decoding: bytes, as: UTF8.self))
      #expect(result.schema != nil || result.hasErrors)
    }
  }

  private func mutate(_ bytes: inout [UInt8], using generator: inout SeededGenerator) {
    func index(_ count: Int) -> Int { count == 0 ? 0 : Int(generator.next() % UInt64(count)) }
    switch generator.next() % 7 {
    case 0 where !bytes.isEmpty:
      bytes.remove(at: index(bytes.count))
    case 1:
      let byte = Self.interestingBytes[index(Self.interestingBytes.count)]
      bytes.insert(byte, at: index(bytes.count + 1))
    case 2 where bytes.count > 1:
      bytes.swapAt(index(bytes.count), index(bytes.count))
    case 3:
      let word = Self.words[index(Self.words.count)]
      bytes.insert(contentsOf: Array((" " + word + " ").utf8), at: index(bytes.count + 1))
    default:
      mutateTokens(&bytes, using: &generator)
    }
  }

  /// Deletes, duplicates or swaps whole tokens (runs split on spaces and newlines).
  private func mutateTokens(_ bytes: inout [UInt8], using generator: inout SeededGenerator) {
    var tokens = bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A }).map(Array.init)
    guard tokens.count > 1 else { return }
    let first = Int(generator.next() % UInt64(tokens.count))
    let second = Int(generator.next() % UInt64(tokens.count))
    switch generator.next() % 3 {
    case 0: tokens.remove(at: first)
    case 1: tokens.insert(tokens[first], at: second)
    default: tokens.swapAt(first, second)
    }
    bytes = Array(tokens.joined(separator: [0x0A]))
  }
}

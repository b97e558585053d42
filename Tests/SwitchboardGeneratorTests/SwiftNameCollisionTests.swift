import SwitchboardIDL
import Testing

/// Declarations the IDL accepts but that would become the same Swift name: each is an error at
/// the later declaration, naming the earlier one.
@Suite("Swift name collisions")
struct SwiftNameCollisionTests {
  static func diagnostics(_ files: [String: String]) -> [String] {
    let path = files.keys.sorted()[0]
    return Generate.swift(files, path: path).diagnostics.map(\.description)
  }

  @Test func fieldsThatCamelCaseAlike() {
    let found = Self.diagnostics(["a.proto": "syntax = \"proto3\";\nmessage A {\n  int32 foo_id = 1;\n  int32 fooID = 2;\n}\n"])
    #expect(found.contains { $0.contains("a.proto:4:") && $0.contains("maps to the Swift property 'fooID'") && $0.contains("a.proto:3:") }, "\(found)")
  }

  @Test func enumValuesThatStripToTheSameCase() {
    let found = Self.diagnostics(["a.proto": "syntax = \"proto3\";\nenum Color {\n  COLOR_RED = 0;\n  RED = 1;\n}\n"])
    #expect(found.contains { $0.contains("a.proto:4:3: error: 'RED' in 'Color' maps to the Swift case '.red'") }, "\(found)")
  }

  @Test func enumValueNamedUnrecognized() {
    let found = Self.diagnostics(["a.proto": "syntax = \"proto3\";\nenum Kind {\n  KIND_UNSPECIFIED = 0;\n  KIND_UNRECOGNIZED = 1;\n}\n"])
    #expect(found.contains { $0.contains("a.proto:4:3: error: 'KIND_UNRECOGNIZED' maps to the Swift case 'unrecognized'") }, "\(found)")
  }

  @Test func sameTypeNameInTwoPackagesOfOneModule() {
    let found = Self.diagnostics([
      "a.proto": "syntax = \"proto3\";\npackage one;\nmessage Contact {}\n",
      "b.proto": "syntax = \"proto3\";\npackage two;\nmessage Contact {}\n",
    ])
    #expect(found.contains { $0.contains("b.proto:3:9: error: 'two.Contact' maps to the Swift type 'Contact', already declared at a.proto:3:9") }, "\(found)")
  }

  @Test func oneofEnumClashingWithANestedMessage() {
    let found = Self.diagnostics(["a.proto": "syntax = \"proto3\";\nmessage A {\n  message OneOf_Body {}\n  oneof body { int32 x = 1; }\n}\n"])
    #expect(found.contains { $0.contains("maps to the Swift type 'A.OneOf_Body'") }, "\(found)")
  }

  @Test func serviceNamesClaimTheirStubNames() {
    let found = Self.diagnostics(["a.proto": "syntax = \"proto3\";\nmessage M {}\nmessage ChatsClient {}\nservice Chats { rpc Get(M) returns (M); }\n"])
    #expect(found.contains { $0.contains("a.proto:4:9: error: 'Chats' maps to the Swift type 'ChatsClient', already declared at a.proto:3:9") }, "\(found)")
  }

  @Test func rpcsThatCamelCaseToTheSameStubMethod() {
    let found = Self.diagnostics(["a.proto": "syntax = \"proto3\";\nmessage M {}\nservice Chats {\n  rpc GetChat(M) returns (M);\n  rpc get_chat(M) returns (M);\n}\n"])
    #expect(found.contains { $0.contains("a.proto:5:7: error: 'get_chat' in 'Chats' maps to the Swift method 'getChat', already used by the rpc at a.proto:4:7") }, "\(found)")
  }
}

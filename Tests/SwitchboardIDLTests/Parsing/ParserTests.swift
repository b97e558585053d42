import SwitchboardIDL
import Testing

/// Parses `text` as `t.proto`, expecting no diagnostics.
func parseClean(
  _ text: String,
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> FileSyntax {
  let output = Parser.parse(text, path: "t.proto")
  #expect(output.diagnostics.map(shortForm) == [], sourceLocation: sourceLocation)
  return output.file
}

@Suite struct ParserTests {
  @Test func fileStatements() {
    let file = parseClean(
      """
      syntax = "proto3";
      package a.b.c;
      import "x.proto";
      import public "y.proto";
      import weak "z.proto";
      option java_package = "com.example" ".chat";
      option optimize_for = SPEED;
      option cc_enable_arenas = true;;
      """)
    #expect(file.package?.components == ["a", "b", "c"])
    #expect(file.package?.location.line == 2)
    #expect(file.imports.map(\.path) == ["x.proto", "y.proto", "z.proto"])
    #expect(file.imports.map(\.isPublic) == [false, true, false])
    #expect(file.imports[0].location.description == "t.proto:3:8")
  }

  @Test func messageWithEveryScalarAndLabel() throws {
    let scalars = ScalarType.allCases.enumerated().map { index, scalar in
      "  \(scalar.rawValue) f_\(scalar.rawValue) = \(index + 1);"
    }
    let file = parseClean(
      "syntax = \"proto3\";\nmessage M {\n" + scalars.joined(separator: "\n") + """

          optional int32 maybe = 20;
          repeated .a.B many = 21 [packed = false, deprecated = true, json_name = "x"];
          map<string, Other.Inner> lookup = 22;
        }
        """)
    let message = try #require(file.messages.first)
    #expect(message.name == "M")
    #expect(message.fields.count == 18)
    #expect(message.fields.prefix(15).map(\.name) == ScalarType.allCases.map { "f_\($0.rawValue)" })
    let maybe = message.fields[15]
    #expect(maybe.label == .optional)
    #expect(maybe.number == 20)
    #expect(maybe.numberLocation.description == "t.proto:18:26")
    let many = message.fields[16]
    #expect(many.label == .repeated)
    #expect(many.packed == false)
    #expect(many.isDeprecated)
    guard case .named(let name) = many.type else {
      Issue.record("not named")
      return
    }
    #expect(name.isFullyQualified)
    #expect(name.components == ["a", "B"])
    guard case .map(let key, let value) = message.fields[17].type else {
      Issue.record("not a map")
      return
    }
    #expect(key.description == "string")
    #expect(value.description == "Other.Inner")
  }

  @Test func oneofsNestedDeclarationsAndReserved() throws {
    let file = parseClean(
      """
      syntax = "proto3";
      message M {
        oneof choice {
          option uninterpreted = 1;
          string a = 1;
          int32 b = 2;
        }
        int32 after = 3;
        message Inner { message Deeper {} }
        enum E { E_ZERO = 0; }
        reserved 4, 9 to 11, 40 to max;
        reserved "old", "older";
        option deprecated = true;
        ;
      }
      """)
    let message = try #require(file.messages.first)
    #expect(message.oneofs.map(\.name) == ["choice"])
    #expect(message.fields.map(\.name) == ["a", "b", "after"])
    #expect(message.fields.map(\.oneofIndex) == [0, 0, nil])
    #expect(message.messages.first?.messages.first?.name == "Deeper")
    #expect(message.enums.first?.values.first?.name == "E_ZERO")
    #expect(message.isDeprecated)
    #expect(message.reserved.count == 2)
    if case .ranges(let ranges) = message.reserved[0] {
      #expect(ranges.map { [$0.lower, $0.upper] } == [[4, 4], [9, 11], [40, 536_870_911]])
    } else {
      Issue.record("expected ranges first")
    }
    if case .names(let names) = message.reserved[1] {
      #expect(names.map(\.name) == ["old", "older"])
    } else {
      Issue.record("expected names second")
    }
    #expect(message.reserved.location(0, 1).description == "t.proto:11:15")
  }

  @Test func enums() throws {
    let file = parseClean(
      """
      syntax = "proto3";
      enum Level {
        option deprecated = true;
        option allow_alias = false;
        LEVEL_ZERO = 0;
        LEVEL_LOW = -1 [deprecated = true];
        LEVEL_HIGH = 0x10;
        reserved -5 to -3, 100 to max;
        reserved "LEVEL_OLD";
      }
      """)
    let level = try #require(file.enums.first)
    #expect(level.isDeprecated)
    #expect(level.values.map(\.name) == ["LEVEL_ZERO", "LEVEL_LOW", "LEVEL_HIGH"])
    #expect(level.values.map(\.number) == [0, -1, 16])
    #expect(level.values.map(\.isDeprecated) == [false, true, false])
    guard case .ranges(let ranges) = level.reserved.first else {
      Issue.record("no ranges")
      return
    }
    #expect(ranges.map { [$0.lower, $0.upper] } == [[-5, -3], [100, Int64(Int32.max)]])
  }

  @Test func services() throws {
    let file = parseClean(
      """
      syntax = "proto3";
      service Chats {
        option deprecated = true;
        rpc Get(GetRequest) returns (Chat);
        rpc Watch(WatchRequest) returns (stream Event) {
          option deprecated = true;
          option idempotency_level = NO_SIDE_EFFECTS;
        };
        rpc Upload(stream .pkg.Chunk) returns (stream) {}
      }
      """)
    let service = try #require(file.services.first)
    #expect(service.isDeprecated)
    #expect(service.methods.map(\.name) == ["Get", "Watch", "Upload"])
    #expect(service.methods.map(\.clientStreaming) == [false, false, true])
    #expect(service.methods.map(\.serverStreaming) == [false, true, false])
    #expect(service.methods.map(\.isDeprecated) == [false, true, false])
    #expect(service.methods[2].inputType.description == ".pkg.Chunk")
    #expect(service.methods[2].outputType.description == "stream")
  }

  @Test func commentsBecomeDocumentation() throws {
    let file = parseClean(
      """
      syntax = "proto3";

      // A chat message.
      //
      // Sent by a user or an agent.
      message Message {
        // Who wrote it.
        string author = 1; // trailing, not documentation
        int32 undocumented = 2;

        /* The payload. */
        oneof body {
          /** Plain text. */
          string text = 3;
        }
      }

      /// Where a chat is.
      enum Section {
        // Not set.
        SECTION_UNSPECIFIED = 0;
      }

      // Chats.
      service Chats {
        // Fetches one.
        rpc Get(Message) returns (Message);
      }
      """)
    let message = try #require(file.messages.first)
    #expect(message.documentation == "A chat message.\n\nSent by a user or an agent.")
    #expect(message.fields.map(\.documentation) == ["Who wrote it.", nil, "Plain text."])
    #expect(message.oneofs.first?.documentation == "The payload.")
    #expect(file.enums.first?.documentation == "Where a chat is.")
    #expect(file.enums.first?.values.first?.documentation == "Not set.")
    #expect(file.services.first?.documentation == "Chats.")
    #expect(file.services.first?.methods.first?.documentation == "Fetches one.")
  }
}

extension [ReservedSyntax] {
  /// The location of the `item`th range or name of the `statement`th reserved statement.
  fileprivate func location(_ statement: Int, _ item: Int) -> SwitchboardIDL.SourceLocation {
    switch self[statement] {
    case .ranges(let ranges): return ranges[item].location
    case .names(let names): return names[item].location
    }
  }
}

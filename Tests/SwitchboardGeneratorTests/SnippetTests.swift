import Testing

/// One construct of the IDL in, the few lines of Swift it must become out.
@Suite("Generated snippets")
struct SnippetTests {
  @Test func implicitPresenceScalarIsWrittenOnlyWhenNotDefault() {
    let schema = "message A { int32 count = 1; }"
    expectGenerated(schema, contains: "  public var count: Int32 = 0")
    expectGenerated(schema, contains: """
        if self.count != 0 {
          size += 1 + SwitchboardRPC.WireSize.int32(self.count)
        }
      """)
    expectGenerated(schema, contains: """
          case 8:
            self.count = try reader.readInt32()
      """)
  }

  @Test func messageWithoutFieldsSizesOnlyItsUnknownFields() {
    // A `var size` never mutated would warn in every build of the user's target.
    expectGenerated("message Empty {}", contains: """
        public func serializedSize() -> Int {
          return self.unknownFields.count
        }
      """)
  }

  @Test func floatingPointDefaultsCompareBitsSoNegativeZeroIsWritten() {
    expectGenerated("message A { double ratio = 1; }", contains: """
        if self.ratio.bitPattern != 0 {
          size += 9
        }
      """)
  }

  @Test func optionalScalarIsASwiftOptionalWrittenWhenSet() {
    let schema = "message A { optional string email = 1; }"
    expectGenerated(schema, contains: "  public var email: String?")
    expectGenerated(schema, contains: """
        if let value = self.email {
          writer.writeTag(10)
          writer.writeString(value)
        }
      """)
  }

  @Test func singularMessageFieldIsOptionalAndMergedOnDecode() {
    let schema = "message B { int32 x = 1; } message A { B b = 1; }"
    expectGenerated(schema, contains: "  public var b: B?")
    expectGenerated(schema, contains: """
          case 10:
            var value = self.b.take() ?? B()
            try reader.readMessage(into: &value)
            self.b = value
      """)
  }

  @Test func repeatedScalarsArePackedButBothEncodingsDecode() {
    let schema = "message A { repeated sint64 deltas = 3; }"
    expectGenerated(schema, contains: """
        if !self.deltas.isEmpty {
          writer.writeTag(26)
          var packedSize = 0
          for value in self.deltas {
            packedSize += SwitchboardRPC.WireSize.sint64(value)
          }
          writer.writeVarint(UInt64(packedSize))
          for value in self.deltas {
            writer.writeSInt64(value)
          }
        }
      """)
    expectGenerated(schema, contains: """
          case 26:
            try reader.readPackedSInt64(into: &self.deltas)
          case 24:
            self.deltas.append(try reader.readSInt64())
      """)
  }

  @Test func unpackedOptionWritesOneTagPerElement() {
    expectGenerated("message A { repeated fixed32 ids = 1 [packed = false]; }", contains: """
        size += self.ids.count * 5
      """)
  }

  @Test func mapIsADictionaryOfEntries() {
    let schema = "message A { map<string, int64> totals = 2; }"
    expectGenerated(schema, contains: "  public var totals: [String: Int64] = [:]")
    expectGenerated(schema, contains: """
        for (key, value) in self.totals {
          writer.writeTag(18)
          writer.writeVarint(UInt64(1 + SwitchboardRPC.WireSize.string(key) + 1 + SwitchboardRPC.WireSize.int64(value)))
          writer.writeTag(10)
          writer.writeString(key)
          writer.writeTag(16)
          writer.writeInt64(value)
        }
      """)
  }

  @Test func enumCasesLoseTheEnumPrefixAndKeepUnknownNumbers() {
    let schema = "enum Section { SECTION_UNSPECIFIED = 0; SECTION_ACTIVE = 1; SECTION_HISTORY = 4; }"
    expectGenerated(schema, contains: """
      public enum Section: SwitchboardRPC.WireEnum {
        case unspecified  // = 0
        case active  // = 1
        case history  // = 4

        /// A number this schema does not know, kept so that it survives a round trip.
        case unrecognized(Int32)
      """)
    expectGenerated(schema, contains: """
          switch rawValue {
          case 0: self = .unspecified
          case 1: self = .active
          case 4: self = .history
          default: self = .unrecognized(rawValue)
          }
      """)
  }

  @Test func oneofIsAnOptionalEnumWithCaseViews() {
    let schema = "message A { oneof body { string text = 1; int32 code = 2; } }"
    expectGenerated(schema, contains: "  public var body: OneOf_Body?")
    expectGenerated(schema, contains: """
        public enum OneOf_Body: Hashable, Sendable {
          case text(String)
          case code(Int32)
        }
      """)
    expectGenerated(schema, contains: """
          case 16:
            self.body = .code(try reader.readInt32())
      """)
  }

  @Test func nestedTypesAreNestedSwiftTypesWithoutPackagePrefix() {
    let schema = "package chat.v1; message Contact { message Address { string city = 1; } Address home = 1; }"
    expectGenerated(schema, contains: "public struct Contact: SwitchboardRPC.WireMessage {")
    expectGenerated(schema, contains: "  public var home: Contact.Address?")
    expectGenerated(schema, contains: "  public struct Address: SwitchboardRPC.WireMessage {")
    expectGenerated(schema, contains: "extension Contact.Address {")
  }

  @Test func selfContainingFieldIsBoxed() {
    let schema = "message Node { Node parent = 1; repeated Node children = 2; }"
    expectGenerated(schema, contains: """
        public var parent: Node? {
          get {
            _parent?.value
          }
          set {
            _parent = newValue.map { SwitchboardRPC.WireBox($0) }
          }
        }
      """)
    expectGenerated(schema, contains: "  public var children: [Node] = []")
  }

  @Test func recursiveOneofCaseIsIndirect() {
    expectGenerated("message Expr { oneof kind { Expr negated = 1; int64 literal = 2; } }", contains: """
          indirect case negated(Expr)
          case literal(Int64)
      """)
  }

  @Test func keywordsAreEscapedAndMessageAPINamesSuffixed() {
    let schema = "message A { string class = 1; bool unknown_fields = 2; }"
    expectGenerated(schema, contains: "  public var `class`: String = \"\"")
    expectGenerated(schema, contains: "  public var unknownFields_p: Bool = false")
  }

  @Test func typesThatWouldShadowSwiftAreSuffixed() {
    expectGenerated("message String { int32 x = 1; } message Type { String s = 1; }", contains: """
      public struct TypeMessage: SwitchboardRPC.WireMessage {
        public var s: StringMessage?
      """)
  }

  @Test func abbreviationsAreCapitalisedLikeSwiftProtobuf() {
    expectGenerated("message A { string workspace_id = 1; string callback_url = 2; }", contains: """
        public var workspaceID: String = ""
        public var callbackURL: String = ""
      """)
  }

  @Test func commentsBecomeDocumentationAndDeprecationIsNoted() {
    expectGenerated("""
      // A contact of the desk.
      // Second line.
      message A {
        // Use `b` instead.
        int32 a = 1 [deprecated = true];
      }
      """, contains: """
      /// A contact of the desk.
      /// Second line.
      public struct A: SwitchboardRPC.WireMessage {
        /// Use `b` instead.
        ///
        /// - Note: Deprecated in the schema.
        public var a: Int32 = 0
      """)
  }

  @Test func internalVisibilityDropsAccessModifiers() {
    expectGenerated("message A { int32 a = 1; }", contains: """
      import SwitchboardRPC

      struct A: SwitchboardRPC.WireMessage {
        var a: Int32 = 0
      """, visibility: .internal)
  }

  @Test func memberwiseInitializerDefaultsEveryArgument() {
    expectGenerated("message A { int32 a = 1; repeated string b = 2; A next = 3; }", contains: """
        public init(
          a: Int32 = 0,
          b: [String] = [],
          next: A? = nil
        ) {
      """)
  }

  @Test func typeShadowedByANestedTypeIsQualifiedByModule() {
    let files = [
      "s.proto": """
        syntax = "proto3";
        message Status { int32 code = 1; }
        message Call {
          message Status { string text = 1; }
          .Status outcome = 1;
          Status local = 2;
        }
        """,
    ]
    let source = Generate.swift(files, path: "s.proto", moduleName: "Calls").source ?? ""
    #expect(source.contains("  public var outcome: Calls.Status?"))
    #expect(source.contains("  public var local: Call.Status?"))
  }

  @Test func servicesGetANamespaceOfMethodDescriptors() {
    let schema = """
      package chat.v1;
      message Ping {} message Pong {}
      // Liveness.
      service Probe {
        rpc Echo(Ping) returns (Pong);
        rpc Watch(Ping) returns (stream Pong);
      }
      """
    expectGenerated(schema, contains: """
      /// Liveness.
      ///
      /// The methods of `chat.v1.Probe`: their descriptors and message types.
      public enum Probe {
        /// The service's fully qualified name, which prefixes its method paths.
        public static let name: String = "chat.v1.Probe"
      """)
    expectGenerated(schema, contains: """
          public enum Watch {
            /// The request message.
            public typealias Input = Ping

            /// The response message.
            public typealias Output = Pong

            /// The method's path and kind.
            public static let descriptor = SwitchboardRPC.MethodDescriptor(service: "chat.v1.Probe", method: "Watch", kind: .serverStreaming)
          }
      """)
    expectGenerated(schema, contains: """
          public static let descriptors: [SwitchboardRPC.MethodDescriptor] = [Echo.descriptor, Watch.descriptor]
      """)
  }

  @Test func anRpcNamedLikeItsMessageQualifiesTheMessageByModule() {
    let source = Generate.swift(
      ["p.proto": "syntax = \"proto3\";\nmessage Ping {}\nservice Probe { rpc Ping(Ping) returns (Ping); }\n"],
      path: "p.proto", moduleName: "Probes"
    ).source ?? ""
    #expect(source.contains("public typealias Input = Probes.Ping"), "\(source)")
  }
}

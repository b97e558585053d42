// swift-tools-version:6.1
import PackageDescription

// Switchboard: a live-chat back end for WhatsApp desks, served over its own binary RPC protocol
// with typed clients generated from a proto3 IDL. No package dependencies: the toolchain only.
//
// Layers, bottom up (see docs/DESIGN.md):
//   SwitchboardWire, SwitchboardFraming   pure values: protobuf encoding, RPC frames
//   SwitchboardRPC                         runtime that generated code imports
//   SwitchboardIDL → SwitchboardGenerator  schema front end, Swift back end
//   switchboard-idl, SwitchboardCodegen    the compiler executable and the build-tool plugin

let package = Package(
  name: "Switchboard",
  products: [
    .library(name: "SwitchboardRPC", targets: ["SwitchboardRPC"]),
    .library(name: "SwitchboardHealth", targets: ["SwitchboardHealth"]),
    .library(name: "SwitchboardChatClient", targets: ["SwitchboardChatClient"]),
    .executable(name: "switchboard", targets: ["switchboard"]),
    .plugin(name: "SwitchboardCodegen", targets: ["SwitchboardCodegen"]),
    .executable(name: "switchboard-idl", targets: ["switchboard-idl"]),
    .executable(name: "switchboard-bench", targets: ["switchboard-bench"]),
  ],
  targets: [
    // MARK: Pure values
    .target(name: "SwitchboardWire"),
    .target(name: "SwitchboardFraming"),
    .target(name: "ChatDomain"),

    // MARK: Runtime
    .target(name: "CSwitchboardSystem"),
    .target(
      name: "SwitchboardRPC",
      dependencies: ["SwitchboardWire", "SwitchboardFraming", "CSwitchboardSystem"]
    ),

    // MARK: Storage
    .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
    .target(name: "CSQLiteLogBuffer", dependencies: ["CSQLite"]),
    .target(name: "CSQLitePageCache", dependencies: ["CSQLite"]),
    .target(name: "SwitchboardSQLite", dependencies: ["CSQLite", "CSQLiteLogBuffer", "CSQLitePageCache"]),

    .target(
      name: "SwitchboardHealth",
      dependencies: ["SwitchboardRPC"],
      plugins: ["SwitchboardCodegen"]
    ),

    // MARK: The chat API, generated from Schema/chat
    .target(
      name: "SwitchboardChatClient",
      dependencies: ["SwitchboardRPC"],
      plugins: ["SwitchboardCodegen"]
    ),

    // MARK: The chat service
    .target(
      name: "ChatService",
      dependencies: ["ChatDomain", "SwitchboardChatClient", "SwitchboardSQLite", "SwitchboardHealth", "SwitchboardRPC"],
      plugins: ["SwitchboardCodegen"]
    ),

    // MARK: Schema compiler
    .target(name: "SwitchboardIDL"),
    .target(name: "SwitchboardGenerator", dependencies: ["SwitchboardIDL"]),
    .executableTarget(
      name: "switchboard-idl",
      dependencies: ["SwitchboardIDL", "SwitchboardGenerator"]
    ),
    .plugin(
      name: "SwitchboardCodegen",
      capability: .buildTool(),
      dependencies: ["switchboard-idl"]
    ),

    // MARK: Executables
    .executableTarget(name: "switchboard", dependencies: ["ChatService", "ChatDomain", "SwitchboardChatClient"]),
    .executableTarget(
      name: "switchboard-bench",
      dependencies: ["SwitchboardRPC", "ChatService", "SwitchboardChatClient"],
      plugins: ["SwitchboardCodegen"]
    ),

    // MARK: Tests
    .target(name: "SwitchboardTestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "SwitchboardWireTests", dependencies: ["SwitchboardWire", "SwitchboardTestSupport"]),
    .testTarget(name: "SwitchboardFramingTests", dependencies: ["SwitchboardFraming", "SwitchboardTestSupport"]),
    .testTarget(name: "SwitchboardIDLTests", dependencies: ["SwitchboardIDL", "SwitchboardTestSupport"]),
    .testTarget(
      name: "SwitchboardGeneratorTests",
      dependencies: ["SwitchboardIDL", "SwitchboardGenerator"],
      exclude: ["Goldens"]
    ),
    .testTarget(
      name: "SwitchboardRPCTests",
      dependencies: ["SwitchboardRPC", "SwitchboardFraming", "RPCTestSchema", "SwitchboardTestSupport"]
    ),
    .testTarget(name: "SwitchboardHealthTests", dependencies: ["SwitchboardHealth", "SwitchboardRPC"]),
    .testTarget(name: "SwitchboardSQLiteTests", dependencies: ["SwitchboardSQLite"]),
    .testTarget(
      name: "ChatServiceTests", dependencies: ["ChatService", "SwitchboardChatClient", "SwitchboardSQLite", "switchboard"]),
    .testTarget(name: "CompilerCommandTests", dependencies: ["switchboard-idl"]),
    .testTarget(name: "ChatDomainTests", dependencies: ["ChatDomain"]),
    .testTarget(name: "PluginConfigurationTests", dependencies: ["SwitchboardRPC", "TopLevelSchema"]),
    .testTarget(
      name: "GeneratedCodeTests",
      dependencies: [
        "SwitchboardRPC", "EverythingSchema", "EvolutionV1", "EvolutionV2", "SwitchboardTestSupport",
      ]
    ),

    // Schemas compiled by the plugin, as another package would, for the generated-code tests.
    .target(
      name: "EverythingSchema",
      dependencies: ["SwitchboardRPC"],
      path: "Tests/Schemas/Everything",
      plugins: ["SwitchboardCodegen"]
    ),
    .target(
      name: "RPCTestSchema",
      dependencies: ["SwitchboardRPC"],
      path: "Tests/Schemas/RPCTest",
      plugins: ["SwitchboardCodegen"]
    ),
    .target(
      name: "TopLevelSchema",
      dependencies: ["SwitchboardRPC"],
      path: "Tests/Schemas/TopLevel",
      plugins: ["SwitchboardCodegen"]
    ),
    .target(
      name: "EvolutionV1",
      dependencies: ["SwitchboardRPC"],
      path: "Tests/Schemas/EvolutionV1",
      plugins: ["SwitchboardCodegen"]
    ),
    .target(
      name: "EvolutionV2",
      dependencies: ["SwitchboardRPC"],
      path: "Tests/Schemas/EvolutionV2",
      plugins: ["SwitchboardCodegen"]
    ),
  ]
)

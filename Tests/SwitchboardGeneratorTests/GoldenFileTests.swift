import Foundation
import SwitchboardGenerator
import SwitchboardIDL
import Testing

/// Whole generated files compared with reviewed copies in `Goldens/`: any change to the
/// generator's output shows up as a diff in review.
///
/// After an intended change, regenerate them with
/// `SWITCHBOARD_REGENERATE_GOLDENS=1 swift test --filter GoldenFileTests` and review the diff.
@Suite("Golden files")
struct GoldenFileTests {
  static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  /// The schemas the plugin compiles into the `EverythingSchema` test module.
  static let schemaRoot = testsDirectory.appending(path: "../Schemas/Everything").standardizedFileURL
  static let goldens = testsDirectory.appending(path: "Goldens")

  @Test("generated Swift matches the golden file", arguments: ["everything.proto", "common.proto"])
  func matchesGolden(schema: String) throws {
    let root = Self.schemaRoot.path(percentEncoded: false)
    let compilation = SchemaCompiler { path in
      try? String(contentsOfFile: root + "/" + path, encoding: .utf8)
    }.compile(["everything.proto", "common.proto"])
    let compiled = try #require(compilation.schema, "\(compilation.diagnostics)")
    // The module name the plugin passes, so the golden is exactly what EverythingSchema compiles.
    let generator = SwiftGenerator(schema: compiled, options: .init(moduleName: "EverythingSchema"))
    #expect(generator.diagnostics.isEmpty)
    let actual = try #require(generator.generate(file: schema))

    try Self.expectGolden(actual, named: schema.replacingOccurrences(of: ".proto", with: ".swift.golden"))
  }

  @Test("the health service matches its golden file, at package visibility")
  func healthMatchesGolden() throws {
    let root = Self.testsDirectory.appending(path: "../../Schema").standardizedFileURL.path(percentEncoded: false)
    let compilation = SchemaCompiler { path in
      try? String(contentsOfFile: root + "/" + path, encoding: .utf8)
    }.compile(["health.proto"])
    let compiled = try #require(compilation.schema, "\(compilation.diagnostics)")
    // What the plugin generates for TopLevelSchema, as its switchboard-codegen.json asks.
    let generator = SwiftGenerator(schema: compiled, options: .init(visibility: .package, moduleName: "TopLevelSchema"))
    #expect(generator.diagnostics.isEmpty)
    try Self.expectGolden(try #require(generator.generate(file: "health.proto")), named: "health.swift.golden")
  }

  /// Compares `actual` with the golden file, or rewrites the file when asked to.
  static func expectGolden(
    _ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    let golden = goldens.appending(path: name)
    if ProcessInfo.processInfo.environment["SWITCHBOARD_REGENERATE_GOLDENS"] == "1" {
      try actual.write(to: golden, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: golden, encoding: .utf8)
    let diff = TextDiff.unified(expected: expected, actual: actual)
    #expect(diff.isEmpty, "generated code differs from \(golden.lastPathComponent):\n\(diff)", sourceLocation: sourceLocation)
  }

  @Test("generation is deterministic")
  func deterministic() throws {
    let root = Self.schemaRoot.path(percentEncoded: false)
    let compile = {
      SchemaCompiler { path in try? String(contentsOfFile: root + "/" + path, encoding: .utf8) }
        .compile(["everything.proto", "common.proto"]).schema
    }
    let first = try #require(compile())
    let second = try #require(compile())
    let a = SwiftGenerator(schema: first, options: .init(moduleName: "M")).generate(file: "everything.proto")
    let b = SwiftGenerator(schema: second, options: .init(moduleName: "M")).generate(file: "everything.proto")
    #expect(a == b)
  }
}

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

    let golden = Self.goldens.appending(path: schema.replacingOccurrences(of: ".proto", with: ".swift.golden"))
    if ProcessInfo.processInfo.environment["SWITCHBOARD_REGENERATE_GOLDENS"] == "1" {
      try actual.write(to: golden, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: golden, encoding: .utf8)
    let diff = TextDiff.unified(expected: expected, actual: actual)
    #expect(diff.isEmpty, "generated code differs from \(golden.lastPathComponent):\n\(diff)")
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

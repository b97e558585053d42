import SwitchboardGenerator
import SwitchboardIDL
import Testing

/// Compiles schema text held in memory and generates Swift for it.
enum Generate {
  /// The Swift generated for `files[path]` (other files only as imports), or the diagnostics.
  static func swift(
    _ files: [String: String], path: String, moduleName: String = "Snippets",
    visibility: SwiftGenerator.Options.Visibility = .public
  ) -> (source: String?, diagnostics: [Diagnostic]) {
    let compilation = SchemaCompiler { files[$0] }.compile(files.keys.sorted())
    guard let schema = compilation.schema else { return (nil, compilation.diagnostics) }
    let generator = SwiftGenerator(schema: schema, options: .init(visibility: visibility, moduleName: moduleName))
    guard generator.diagnostics.isEmpty else { return (nil, generator.diagnostics) }
    return (generator.generate(file: path), [])
  }

  /// The Swift generated for a one-file schema; the `syntax` line is added.
  static func swift(schema: String, visibility: SwiftGenerator.Options.Visibility = .public) -> (source: String?, diagnostics: [Diagnostic]) {
    swift(["snippet.proto": "syntax = \"proto3\";\n" + schema], path: "snippet.proto", visibility: visibility)
  }
}

/// Expects the Swift generated from `schema` to contain `expected` as whole consecutive lines
/// (indentation included), showing a unified diff against the nearest match when it does not.
func expectGenerated(
  _ schema: String, contains expected: String,
  visibility: SwiftGenerator.Options.Visibility = .public,
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  let (source, diagnostics) = Generate.swift(schema: schema, visibility: visibility)
  guard let source else {
    Issue.record("schema did not compile: \(diagnostics.map(\.description))", sourceLocation: sourceLocation)
    return
  }
  let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  let wanted = dedented(expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
  // The block may sit at any depth; its relative indentation must match.
  guard !lines.windows(ofCount: wanted.count).contains(where: { dedented(Array($0)) == wanted }) else { return }
  // Show the diff against the window that shares the most lines with the expectation.
  let best = lines.windows(ofCount: wanted.count).max { a, b in
    zip(a, wanted).filter { $0 == $1 }.count < zip(b, wanted).filter { $0 == $1 }.count
  }
  let nearest = best.map { $0.joined(separator: "\n") } ?? source
  let diff = TextDiff.unified(expected: expected, actual: nearest)
  Issue.record("generated code does not contain the expected lines\n\(diff)", sourceLocation: sourceLocation)
}

/// Lines with their common leading indentation removed.
func dedented(_ lines: [String]) -> [String] {
  let indents = lines.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count }
  let common = indents.min() ?? 0
  return lines.map { $0.isEmpty ? $0 : String($0.dropFirst(common)) }
}

extension Array {
  /// Every run of `count` consecutive elements.
  func windows(ofCount count: Int) -> [ArraySlice<Element>] {
    guard count > 0, count <= self.count else { return [] }
    return (0...(self.count - count)).map { self[$0..<($0 + count)] }
  }
}

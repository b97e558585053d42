/// Reads and parses the requested files and everything they import, through a source provider.
///
/// Reports imports that cannot be found, files imported twice by one file and import cycles
/// (naming the whole cycle). Files come back both in dependency order (every file after the
/// files it imports, for symbol collection) and in output order (requested files first).
package struct SourceLoader {
  /// The parsed files and what was wrong with them.
  package struct Output: Sendable {
    /// Every file that could be read, each after the files it imports.
    package var filesInDependencyOrder: [FileSyntax]
    /// The same paths in the order the schema lists them: requested files first, then the
    /// files only reached through imports, in the order they were found.
    package var outputOrder: [String]
    /// Lexical, syntax and import errors.
    package var diagnostics: [Diagnostic]
  }

  private enum State {
    case visiting
    case done
    case missing
  }

  private let sources: SchemaCompiler.SourceProvider
  private var states: [String: State] = [:]
  private var stack: [String] = []
  private var ordered: [FileSyntax] = []
  private var discovered: [String] = []
  private var diagnostics: [Diagnostic] = []

  /// Creates a loader reading files through `sources`.
  package init(sources: @escaping SchemaCompiler.SourceProvider) {
    self.sources = sources
  }

  /// Loads `paths` and, recursively, their imports.
  package static func load(
    _ paths: [String],
    sources: @escaping SchemaCompiler.SourceProvider
  ) -> Output {
    var loader = SourceLoader(sources: sources)
    for path in paths {
      loader.visit(path, importedAt: nil)
    }
    var outputOrder: [String] = []
    var seen: Set<String> = []
    for path in paths + loader.discovered where loader.states[path] == .done {
      if seen.insert(path).inserted { outputOrder.append(path) }
    }
    return Output(
      filesInDependencyOrder: loader.ordered, outputOrder: outputOrder,
      diagnostics: loader.diagnostics)
  }

  private mutating func visit(_ path: String, importedAt importLocation: SourceLocation?) {
    switch states[path] {
    case .done:
      return
    case .missing:
      // A requested file that is missing was reported already; each import of it is reported.
      if importLocation != nil { reportMissing(path, importedAt: importLocation) }
      return
    case .visiting:
      // Only reachable for a requested path; imports check for cycles before visiting.
      return
    case nil:
      break
    }
    guard let text = sources(path) else {
      states[path] = .missing
      reportMissing(path, importedAt: importLocation)
      return
    }
    discovered.append(path)
    states[path] = .visiting
    stack.append(path)
    let parsed = Parser.parse(text, path: path)
    diagnostics += parsed.diagnostics
    var importedHere: Set<String> = []
    for importSyntax in parsed.file.imports {
      guard importedHere.insert(importSyntax.path).inserted else {
        report("'\(importSyntax.path)' is imported twice", at: importSyntax.location)
        continue
      }
      if states[importSyntax.path] == .visiting {
        let start = stack.lastIndex(of: importSyntax.path) ?? 0
        let cycle = stack[start...] + [importSyntax.path]
        report("import cycle: \(cycle.joined(separator: " -> "))", at: importSyntax.location)
        continue
      }
      visit(importSyntax.path, importedAt: importSyntax.location)
    }
    stack.removeLast()
    states[path] = .done
    ordered.append(parsed.file)
  }

  private mutating func reportMissing(_ path: String, importedAt importLocation: SourceLocation?) {
    if let importLocation {
      report("import \"\(path)\" not found under the schema root", at: importLocation)
    } else {
      report(
        "file \"\(path)\" not found under the schema root",
        at: SourceLocation(file: path, line: 1, column: 1))
    }
  }

  private mutating func report(_ message: String, at location: SourceLocation) {
    diagnostics.append(Diagnostic(.error, message, at: location))
  }
}

extension SourceLoader.Output {
  /// The files whose declarations `file` may use: itself, its imports, and whatever those
  /// re-export with `import public`, transitively.
  package func visibleFiles(from file: FileSyntax) -> Set<String> {
    let byPath = Dictionary(
      filesInDependencyOrder.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    var visible: Set<String> = [file.path]
    var pending = file.imports.map(\.path)
    while let path = pending.popLast() {
      guard visible.insert(path).inserted, let imported = byPath[path] else { continue }
      pending += imported.imports.filter(\.isPublic).map(\.path)
    }
    return visible
  }
}

import SwitchboardIDL

/// `switchboard-idl compat OLD NEW`: the wire-breaking changes between two schema versions.
enum CompatCommand {
  static func run(_ words: [String]) -> Int32 {
    do throws(UsageError) {
      let arguments = try ParsedArguments(words, known: [])
      guard arguments.positional.count == 2 else {
        throw UsageError(message: "name exactly two files: OLD.proto NEW.proto")
      }
      guard let old = try compile(arguments.positional[0]), let new = try compile(arguments.positional[1]) else {
        return 1
      }
      let issues = SchemaCompatibility.check(old: old, new: new)
      for issue in issues { printError(issue.description) }
      let breaking = issues.filter(\.isBreaking).count
      if breaking == 0 {
        print("compatible: no wire-breaking changes")
        return 0
      }
      print("\(breaking) wire-breaking change\(breaking == 1 ? "" : "s")")
      return 1
    } catch {
      printError("switchboard-idl compat: \(error.message)")
      return 2
    }
  }

  /// Compiles one version of a schema, its imports resolved beside it.
  private static func compile(_ file: String) throws(UsageError) -> Schema? {
    let absolute = FileSystem.absolute(file)
    guard FileSystem.read(absolute) != nil else { throw UsageError(message: "cannot read '\(file)'") }
    let slash = absolute.lastIndex(of: "/")!
    let root = String(absolute[..<slash])
    let name = String(absolute[absolute.index(after: slash)...])
    let compilation = SchemaCompiler { path in FileSystem.read(root + "/" + path) }.compile([name])
    GenerateCommand.report(compilation.diagnostics, root: root)
    return compilation.schema
  }
}

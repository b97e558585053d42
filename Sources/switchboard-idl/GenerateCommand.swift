import SwitchboardGenerator
import SwitchboardIDL

/// `switchboard-idl generate`: schemas in, one Swift file per schema out.
enum GenerateCommand {
  static func run(_ words: [String]) -> Int32 {
    do throws(UsageError) {
      let arguments = try ParsedArguments(words, known: ["root", "out", "visibility", "module-name"])
      return try generate(arguments)
    } catch {
      printError("switchboard-idl generate: \(error.message)")
      return 2
    }
  }

  private static func generate(_ arguments: ParsedArguments) throws(UsageError) -> Int32 {
    let root = FileSystem.absolute(arguments.options["root"] ?? ".")
    let out = FileSystem.absolute(arguments.options["out"] ?? ".")
    let visibilityName = arguments.options["visibility"] ?? "public"
    guard let visibility = SwiftGenerator.Options.Visibility(rawValue: visibilityName) else {
      throw UsageError(message: "--visibility must be public, package or internal, not '\(visibilityName)'")
    }
    guard !arguments.positional.isEmpty else { throw UsageError(message: "name at least one .proto file") }
    var paths: [String] = []
    for file in arguments.positional {
      // Accept paths relative to the root, or any path that lies under it.
      let candidate = file.hasPrefix("/") ? file : root + "/" + file
      if FileSystem.read(candidate) != nil, let relative = FileSystem.relative(candidate, to: root) {
        paths.append(relative)
      } else if let relative = FileSystem.relative(file, to: root), FileSystem.read(file) != nil {
        paths.append(relative)
      } else {
        throw UsageError(message: "cannot read '\(file)' under the schema root \(root)")
      }
    }

    let compiler = SchemaCompiler { path in FileSystem.read(root + "/" + path) }
    let compilation = compiler.compile(paths)
    report(compilation.diagnostics, root: root)
    guard let schema = compilation.schema else { return 1 }

    // Generated code of one module can only refer to types generated into the same module.
    let requested = Set(paths)
    for file in schema.files where !requested.contains(file.path) {
      printError("\(root)/\(file.path): error: imported by a schema of this module but not generated into it; "
        + "list it among the schemas too")
    }
    if schema.files.contains(where: { !requested.contains($0.path) }) { return 1 }

    let generator = SwiftGenerator(
      schema: schema,
      options: .init(visibility: visibility, moduleName: arguments.options["module-name"]))
    report(generator.diagnostics, root: root)
    if generator.diagnostics.contains(where: { $0.severity == .error }) { return 1 }

    for path in paths {
      guard let source = generator.generate(file: path) else { continue }
      let destination = out + "/" + outputFileName(forSchema: path)
      do {
        try FileSystem.writeIfChanged(source, to: destination)
      } catch {
        throw UsageError(message: "cannot write \(destination): \(error)")
      }
    }
    return 0
  }

  /// Prints diagnostics with absolute paths, so that build logs and editors find the line.
  static func report(_ diagnostics: [Diagnostic], root: String) {
    for var diagnostic in diagnostics {
      if !diagnostic.location.file.hasPrefix("/") {
        diagnostic.location.file = root + "/" + diagnostic.location.file
      }
      printError(diagnostic.description)
    }
  }
}

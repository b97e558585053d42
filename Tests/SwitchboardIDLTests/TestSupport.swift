import SwitchboardIDL

/// Compiles in-memory files; the first is the one requested unless `paths` says otherwise.
func compile(_ files: [String: String], paths: [String]? = nil) -> SchemaCompilation {
  let sources = files
  let requested = paths ?? Array(files.keys.sorted().prefix(1))
  return SchemaCompiler { sources[$0] }.compile(requested)
}

/// Compiles one file named `test.proto`.
func compile(_ text: String) -> SchemaCompilation {
  compile(["test.proto": text])
}

/// Every diagnostic of compiling `text` as `test.proto`, as `line:column: severity: message`.
func diagnostics(_ text: String) -> [String] {
  compile(text).diagnostics.map(shortForm)
}

/// `line:column: severity: message`, without the file.
func shortForm(_ diagnostic: Diagnostic) -> String {
  "\(diagnostic.location.line):\(diagnostic.location.column): "
    + "\(diagnostic.severity.rawValue): \(diagnostic.message)"
}

/// `syntax = "proto3";` and `package test;`, for schemas in tests.
let header = "syntax = \"proto3\";\npackage test;\n"

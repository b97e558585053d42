extension Parser {
  /// Parses a whole file: the `syntax` statement, then top-level statements to the end.
  mutating func parseFile() -> FileSyntax {
    var file = FileSyntax(path: path)
    var packageLine: Int?
    parseSyntaxStatement()
    while !atEnd {
      let start = position
      do {
        try parseTopLevelStatement(into: &file, packageLine: &packageLine)
      } catch {
        skipStatement()
      }
      if position == start { advance() }
    }
    return file
  }

  /// Checks that the file starts with `syntax = "proto3";`.
  private mutating func parseSyntaxStatement() {
    if current.isIdentifier("edition") {
      report(
        "editions are not supported: replace 'edition = ...' with 'syntax = \"proto3\";'",
        at: current)
      skipStatement()
      return
    }
    guard current.isIdentifier("syntax") else {
      report("missing 'syntax = \"proto3\";': it must be the first statement", at: current)
      return
    }
    do {
      advance()
      try consume("=", "after 'syntax'")
      guard current.kind == .string else { throw unexpected("\"proto3\" after 'syntax ='") }
      let version = current
      advance()
      try consume(";", "after syntax statement")
      switch version.value {
      case "proto3":
        break
      case "proto2":
        report(
          "proto2 syntax is not supported: only syntax = \"proto3\" schemas are", at: version)
      default:
        report("unknown syntax \(version.text): expected \"proto3\"", at: version)
      }
    } catch {
      skipStatement()
    }
  }

  /// Parses one statement at the top level of a file.
  private mutating func parseTopLevelStatement(
    into file: inout FileSyntax,
    packageLine: inout Int?
  ) throws(Failure) {
    let keyword = current
    guard keyword.kind == .identifier else {
      if consumeIfPresent(";") { return }
      throw unexpected("'message', 'enum', 'service', 'import', 'package' or 'option'")
    }
    switch keyword.text {
    case "message":
      file.messages.append(try parseMessage(depth: 1))
    case "enum":
      file.enums.append(try parseEnum())
    case "service":
      file.services.append(try parseService())
    case "import":
      file.imports.append(try parseImport())
    case "package":
      let name = try parsePackage()
      if let packageLine {
        report(
          "only one 'package' statement is allowed; the first is at line \(packageLine)",
          at: keyword)
      } else {
        file.package = name
        packageLine = keyword.line
      }
    case "option":
      _ = try parseOptionStatement()
    case "syntax", "edition":
      report("'\(keyword.text)' must be the first statement of the file", at: keyword)
      throw Failure()
    case "extend":
      report("'extend' is not supported: extensions are a proto2 feature", at: keyword)
      throw Failure()
    default:
      throw unexpected("'message', 'enum', 'service', 'import', 'package' or 'option'")
    }
  }

  /// Parses `package a.b;` with `package` current.
  private mutating func parsePackage() throws(Failure) -> QualifiedName {
    advance()
    guard !current.isSymbol(".") else { throw unexpected("package name") }
    let name = try qualifiedName("package name")
    try consume(";", "after package name")
    return name
  }

  /// Parses `import [public|weak] "path";` with `import` current.
  private mutating func parseImport() throws(Failure) -> ImportSyntax {
    advance()
    var isPublic = false
    if current.isIdentifier("public") || current.isIdentifier("weak") {
      isPublic = current.text == "public"
      advance()
    }
    guard current.kind == .string else { throw unexpected("file name string after 'import'") }
    let pathToken = current
    advance()
    try consume(";", "after import")
    return ImportSyntax(
      path: pathToken.value, isPublic: isPublic, location: location(of: pathToken))
  }
}

/// Renders the declaration model as Swift source: two-space indentation, `///` docs, one blank
/// line between declarations except runs of undocumented cases or stored properties.
struct SwiftRenderer {
  private var output: [String] = []
  private var depth = 0

  /// The text of a whole file, ending in a newline.
  static func render(_ file: SwiftFile) -> String {
    var renderer = SwiftRenderer()
    for line in file.header { renderer.emit(line) }
    if !file.imports.isEmpty {
      renderer.emit("")
      for line in file.imports { renderer.emit(line) }
    }
    for declaration in file.declarations {
      renderer.emit("")
      renderer.render(declaration)
    }
    return renderer.output.joined(separator: "\n") + "\n"
  }

  private mutating func emit(_ line: String) {
    output.append(line.isEmpty ? "" : String(repeating: "  ", count: depth) + line)
  }

  private mutating func emitDocumentation(_ lines: [String]) {
    for line in lines { emit(line.isEmpty ? "///" : "/// \(line)") }
  }

  private mutating func render(_ declaration: SwiftDeclaration) {
    switch declaration {
    case .type(let type): render(type)
    case .property(let property): render(property)
    case .function(let function): render(function)
    case .enumCase(let enumCase): render(enumCase)
    case .typeAlias(let alias):
      emitDocumentation(alias.documentation)
      emit([alias.access, "typealias", alias.name].compactMap { $0 }.joined(separator: " ") + " = " + alias.type)
    }
  }

  private mutating func render(_ type: SwiftTypeDeclaration) {
    emitDocumentation(type.documentation)
    var head = [type.access, type.kind.rawValue, type.name].compactMap { $0 }.joined(separator: " ")
    if !type.conformances.isEmpty { head += ": " + type.conformances.joined(separator: ", ") }
    guard !type.members.isEmpty else {
      emit(head + " {}")
      return
    }
    emit(head + " {")
    depth += 1
    var previous: SwiftDeclaration?
    for member in type.members {
      if let previous, Self.needsBlankLine(between: previous, and: member) { emit("") }
      render(member)
      previous = member
    }
    depth -= 1
    emit("}")
  }

  /// Runs of plain enum cases and plain stored properties read best without blank lines.
  private static func needsBlankLine(between previous: SwiftDeclaration, and next: SwiftDeclaration) -> Bool {
    switch (previous, next) {
    case (.enumCase(let a), .enumCase(let b)):
      return !a.documentation.isEmpty || !b.documentation.isEmpty
    case (.property(let a), .property(let b)):
      return !(a.documentation.isEmpty && b.documentation.isEmpty && a.getter == nil && b.getter == nil)
    default:
      return true
    }
  }

  private mutating func render(_ property: SwiftProperty) {
    emitDocumentation(property.documentation)
    var head = [property.access, property.isStatic ? "static" : nil, property.isMutable ? "var" : "let"]
      .compactMap { $0 }.joined(separator: " ")
    // An empty type leaves it to inference, for initial values that name their type anyway.
    head += property.type.isEmpty ? " \(property.name)" : " \(property.name): \(property.type)"
    if let getter = property.getter {
      emit(head + " {")
      depth += 1
      if let setter = property.setter {
        renderBlock("get {", getter)
        renderBlock("set {", setter)
      } else {
        render(getter)
      }
      depth -= 1
      emit("}")
    } else if let initialValue = property.initialValue {
      emit(head + " = " + initialValue)
    } else {
      emit(head)
    }
  }

  private mutating func render(_ function: SwiftFunction) {
    emitDocumentation(function.documentation)
    // A long signature comes with its own line breaks; each line takes the current indentation.
    var lines = function.signature.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let last = lines.removeLast()
    for line in lines { emit(line) }
    switch function.body {
    case nil: emit(last)
    case let body? where body.isEmpty: emit(last + " {}")
    case let body?: renderBlock(last + " {", body)
    }
  }

  private mutating func render(_ enumCase: SwiftEnumCase) {
    emitDocumentation(enumCase.documentation)
    var line = (enumCase.isIndirect ? "indirect case " : "case ") + enumCase.name
    if let value = enumCase.associatedValue { line += "(\(value))" }
    if let comment = enumCase.trailingComment { line += "  // \(comment)" }
    emit(line)
  }

  private mutating func renderBlock(_ opening: String, _ body: [SwiftStatement], closing: String = "}") {
    emit(opening)
    depth += 1
    render(body)
    depth -= 1
    emit(closing)
  }

  private mutating func render(_ statements: [SwiftStatement]) {
    for statement in statements {
      switch statement {
      case .line(let text):
        emit(text)
      case .block(let opening, let body, let closing):
        renderBlock(opening, body, closing: closing)
      case .switchCase(let label, let body):
        // Labels sit level with their `switch`, as swift-format writes them.
        depth -= 1
        emit(label)
        depth += 1
        render(body)
      }
    }
  }
}

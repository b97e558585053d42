/// Resolves type names the way protoc does.
///
/// A name with a leading dot is fully qualified. Otherwise its first component is searched
/// from the innermost scope outwards (`a.b.Msg`, then `a.b`, `a`, the top level), skipping
/// symbols that cannot be what is wanted; once the first component is found in a scope, the
/// rest of a dotted name must be inside it, with no further search. Only declarations of the
/// file itself and of the files it can see (imports, and what they re-export with `import
/// public`) count.
package struct TypeResolver {
  /// The outcome of resolving one name.
  package enum Resolution: Sendable, Hashable {
    /// A scalar keyword (`int32`).
    case scalar(ScalarType)
    /// A message or an enum.
    case type(Symbol)
  }

  let table: SymbolTable
  let file: String
  let visibleFiles: Set<String>

  /// Creates a resolver for names written in `file`, which sees `visibleFiles`.
  package init(table: SymbolTable, file: String, visibleFiles: Set<String>) {
    self.table = table
    self.file = file
    self.visibleFiles = visibleFiles
  }

  /// Resolves `name`, written inside the declaration whose full name is `scope` (the message
  /// for a field, the service for an rpc); throws a diagnostic when it names no type.
  package func resolve(
    _ name: QualifiedName,
    in scope: String
  ) throws(Diagnostic) -> Resolution {
    if !name.isFullyQualified, name.components.count == 1,
      let scalar = ScalarType(rawValue: name.components[0])
    {
      return .scalar(scalar)
    }
    let outcome = lookup(name, in: scope, visibleOnly: true)
    if case .found(let symbol) = outcome, symbol.kind.isType { return .type(symbol) }
    if case .found(let symbol) = lookup(name, in: scope, visibleOnly: false),
      symbol.kind.isType, !visibleFiles.contains(symbol.file)
    {
      throw error(
        "'\(symbol.fullName)' is defined in '\(symbol.file)', which is not imported by "
          + "'\(file)'; add 'import \"\(symbol.file)\";'",
        at: name)
    }
    switch outcome {
    case .found(let symbol):
      throw error(
        "'\(name)' resolves to \(symbol.kind.rawValue) '\(symbol.fullName)', which is not a type",
        at: name)
    case .partlyResolved(let fullName):
      let dotted = "." + name.components.joined(separator: ".")
      throw error(
        "'\(name)' is resolved to '\(fullName)', which is not defined; the innermost scope is "
          + "searched first (write '\(dotted)' to start from the outermost scope)",
        at: name)
    case .notFound(skipped: let skipped?):
      throw error(
        "unknown type '\(name)': '\(skipped.fullName)' is \(skipped.kind.withArticle), not a type",
        at: name)
    case .notFound(skipped: nil):
      throw error("unknown type '\(name)'", at: name)
    }
  }

  private enum Lookup {
    case found(Symbol)
    /// The first component was found, the whole name (given) was not.
    case partlyResolved(String)
    /// Nothing found; `skipped` is the first symbol of that name passed over for not
    /// being a type (or not containing the rest of the name).
    case notFound(skipped: Symbol?)
  }

  /// protoc's `LookupSymbol` in `LOOKUP_TYPES` mode.
  private func lookup(_ name: QualifiedName, in scope: String, visibleOnly: Bool) -> Lookup {
    let whole = name.components.joined(separator: ".")
    if name.isFullyQualified {
      return find(whole, visibleOnly).map(Lookup.found) ?? .notFound(skipped: nil)
    }
    let first = name.components[0]
    var skipped: Symbol?
    var scopeComponents = scope.split(separator: ".")
    while !scopeComponents.isEmpty {
      let candidate = scopeComponents.joined(separator: ".") + "." + first
      if let symbol = find(candidate, visibleOnly) {
        if name.components.count > 1 {
          if symbol.kind.isAggregate {
            let fullName = candidate + "." + name.components.dropFirst().joined(separator: ".")
            return find(fullName, visibleOnly).map(Lookup.found) ?? .partlyResolved(fullName)
          }
        } else if symbol.kind.isType {
          return .found(symbol)
        }
        skipped = skipped ?? symbol
      }
      scopeComponents.removeLast()
    }
    return find(whole, visibleOnly).map(Lookup.found) ?? .notFound(skipped: skipped)
  }

  private func find(_ fullName: String, _ visibleOnly: Bool) -> Symbol? {
    visibleOnly
      ? table.symbol(named: fullName, visibleFrom: visibleFiles) : table.symbol(named: fullName)
  }

  private func error(_ message: String, at name: QualifiedName) -> Diagnostic {
    Diagnostic(.error, message, at: name.location)
  }
}

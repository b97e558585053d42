/// The command line after the program name: `--flag value` options anywhere, the rest
/// positional, taken in order.
struct Options {
  private var values: [String: String] = [:]
  private var flags: Set<String> = []
  private var positionals: [String] = []

  /// Options that never take a value.
  private static let booleanFlags: Set<String> = ["--help", "-h", "--force", "--create", "--admin"]

  init(_ arguments: [String]) {
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      if Self.booleanFlags.contains(argument) {
        flags.insert(argument)
      } else if argument.hasPrefix("--"), let value = rest.popFirst() {
        values[argument] = value
      } else {
        positionals.append(argument)
      }
    }
  }

  func value(_ name: String) -> String? { values[name] }
  func flag(_ name: String) -> Bool { flags.contains(name) }

  func required(_ name: String) throws -> String {
    guard let value = values[name] else { throw UsageError("\(name) is required") }
    return value
  }

  mutating func positional() -> String? {
    positionals.isEmpty ? nil : positionals.removeFirst()
  }

  mutating func positionalRequired(_ name: String) throws -> String {
    guard let value = positional() else { throw UsageError("\(name) is missing") }
    return value
  }

  mutating func remainingPositionals() -> [String] {
    defer { positionals = [] }
    return positionals
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a line to standard error without touching the global (non-Sendable) `stderr`.
func printError(_ text: String) {
  var line = text.hasSuffix("\n") ? text : text + "\n"
  line.withUTF8 { bytes in
    var offset = 0
    while offset < bytes.count {
      let written = write(2, bytes.baseAddress! + offset, bytes.count - offset)
      if written <= 0 { return }
      offset += written
    }
  }
}

/// A failure the user can fix: printed as it is, exit status 2.
struct UsageError: Error {
  var message: String
}

/// The options of a command line: `--name value` pairs and the remaining positional words.
struct ParsedArguments {
  var options: [String: String] = [:]
  var positional: [String] = []

  /// Parses `words`, accepting only the option names in `known`.
  init(_ words: [String], known: Set<String>) throws(UsageError) {
    var index = 0
    while index < words.count {
      let word = words[index]
      if word.hasPrefix("--") {
        let name = String(word.dropFirst(2))
        guard known.contains(name) else { throw UsageError(message: "unknown option '\(word)'") }
        guard index + 1 < words.count else { throw UsageError(message: "option '\(word)' needs a value") }
        options[name] = words[index + 1]
        index += 2
      } else {
        positional.append(word)
        index += 1
      }
    }
  }
}

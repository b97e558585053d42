/// A unified diff of two texts, line by line, so a failing golden or snippet test shows what
/// changed rather than two walls of code.
enum TextDiff {
  /// `---`/`+++` headers, then hunks of `-` removed, `+` added and ` ` context lines; empty
  /// when the texts are equal.
  static func unified(expected: String, actual: String, context: Int = 3) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard old != new else { return "" }
    let edits = lineEdits(old, new)
    var output = ["--- expected", "+++ actual"]
    var index = 0
    while index < edits.count {
      guard edits[index].kind != " " else {
        index += 1
        continue
      }
      let start = max(0, index - context)
      var end = index
      // Extend the hunk while changes come within 2 × context lines of each other.
      var lastChange = index
      while end < edits.count && end - lastChange <= 2 * context {
        if edits[end].kind != " " { lastChange = end }
        end += 1
      }
      end = min(edits.count, lastChange + context + 1)
      output.append("@@ line \(edits[start].line) @@")
      for edit in edits[start..<end] { output.append("\(edit.kind)\(edit.text)") }
      index = end
    }
    return output.joined(separator: "\n")
  }

  private struct Edit {
    var kind: Character
    var text: String
    var line: Int
  }

  /// Longest-common-subsequence edit script, after trimming the common head and tail.
  private static func lineEdits(_ old: [String], _ new: [String]) -> [Edit] {
    var head = 0
    while head < old.count && head < new.count && old[head] == new[head] { head += 1 }
    var tail = 0
    while tail < old.count - head && tail < new.count - head
      && old[old.count - 1 - tail] == new[new.count - 1 - tail]
    {
      tail += 1
    }
    let a = Array(old[head..<(old.count - tail)])
    let b = Array(new[head..<(new.count - tail)])
    var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
      }
    }
    var edits = (0..<head).map { Edit(kind: " ", text: old[$0], line: $0 + 1) }
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if i < a.count && j < b.count && a[i] == b[j] {
        edits.append(Edit(kind: " ", text: a[i], line: head + i + 1))
        i += 1
        j += 1
      } else if j < b.count && (i == a.count || lengths[i][j + 1] >= lengths[i + 1][j]) {
        edits.append(Edit(kind: "+", text: b[j], line: head + i + 1))
        j += 1
      } else {
        edits.append(Edit(kind: "-", text: a[i], line: head + i + 1))
        i += 1
      }
    }
    for k in 0..<tail {
      edits.append(Edit(kind: " ", text: old[old.count - tail + k], line: old.count - tail + k + 1))
    }
    return edits
  }
}

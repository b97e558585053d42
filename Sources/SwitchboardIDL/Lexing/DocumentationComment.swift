/// Turns the comments directly above a declaration into its documentation text.
///
/// A comment block documents the declaration whose first token follows it with no blank line
/// between; a block separated by a blank line is detached and ignored, and so is a comment that
/// trails another token on its line (`int32 a = 1; // about a`). Markers (`//`, `///`, `/*`,
/// `*/` and the `*` that starts each line of a `/** */` block) are removed, then the leading
/// spaces common to every non-blank line, and the lines are joined with `"\n"`.
package enum DocumentationComment {
  /// The documentation for the declaration starting at `tokens[index]`, or `nil`.
  package static func leading(_ tokens: [Token], before index: Int) -> String? {
    guard tokens.indices.contains(index) else { return nil }
    var block: [Token] = []
    var nextLine = tokens[index].line
    var cursor = index - 1
    while cursor >= 0, tokens[cursor].kind == .comment, tokens[cursor].endLine >= nextLine - 1 {
      block.append(tokens[cursor])
      nextLine = tokens[cursor].line
      cursor -= 1
    }
    block.reverse()
    if let first = block.first, cursor >= 0, tokens[cursor].endLine == first.line {
      block.removeFirst()
    }
    return text(of: block)
  }

  /// The cleaned-up text of consecutive comment tokens, or `nil` when it is blank.
  package static func text(of comments: [Token]) -> String? {
    var lines: [Substring] = []
    for comment in comments {
      if comment.text.hasPrefix("//") {
        lines.append(comment.value.drop { $0 == "/" })
      } else {
        lines.append(contentsOf: blockLines(comment.value))
      }
    }
    lines = lines.map(trimmingTrailingWhitespace)
    while let first = lines.first, first.isEmpty { lines.removeFirst() }
    while let last = lines.last, last.isEmpty { lines.removeLast() }
    guard !lines.isEmpty else { return nil }
    let indent = lines.filter { !$0.isEmpty }.map(leadingSpaceCount).min() ?? 0
    return lines.map { $0.dropFirst(min(indent, $0.count)) }.joined(separator: "\n")
  }

  /// The lines of a block comment's inside, without a `/**` star or the `*` gutter.
  private static func blockLines(_ body: String) -> [Substring] {
    var result: [Substring] = []
    for (position, rawLine) in body.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      var line = rawLine
      if position == 0 {
        line = line.drop { $0 == "*" }
      } else {
        let content = line.drop { $0 == " " || $0 == "\t" }
        if content.first == "*" { line = content.dropFirst() }
      }
      result.append(line)
    }
    return result
  }

  private static func trimmingTrailingWhitespace(_ line: Substring) -> Substring {
    var line = line
    while let last = line.last, last == " " || last == "\t" || last == "\r" { line.removeLast() }
    return line
  }

  private static func leadingSpaceCount(_ line: Substring) -> Int {
    line.prefix { $0 == " " || $0 == "\t" }.count
  }
}

/// The few kinds of Swift declaration the generator emits: a deliberately small model, not a
/// general syntax tree. Translation builds these; ``SwiftRenderer`` turns them into text.
indirect enum SwiftDeclaration: Hashable {
  /// A `struct`, `enum`, `protocol` or `extension` with members.
  case type(SwiftTypeDeclaration)
  /// A stored or computed property.
  case property(SwiftProperty)
  /// A function or initializer.
  case function(SwiftFunction)
  /// An enum case.
  case enumCase(SwiftEnumCase)
  /// A `typealias`.
  case typeAlias(SwiftTypeAlias)
}

/// `typealias Name = Type`.
struct SwiftTypeAlias: Hashable {
  var documentation: [String] = []
  var access: String? = nil
  var name: String
  var type: String
}

/// A `struct`, `enum`, `protocol` or `extension`.
struct SwiftTypeDeclaration: Hashable {
  /// Which of the four.
  enum Kind: String, Hashable {
    case `struct`, `enum`, `protocol`, `extension`
  }

  var kind: Kind
  var name: String
  var documentation: [String] = []
  var access: String? = nil
  var conformances: [String] = []
  var members: [SwiftDeclaration] = []
}

/// A property: stored with an optional initial value, or computed with accessor bodies.
struct SwiftProperty: Hashable {
  var documentation: [String] = []
  var access: String? = nil
  var isStatic = false
  var isMutable = true
  var name: String
  var type: String
  var initialValue: String? = nil
  /// For a computed property: the getter's statements.
  var getter: [SwiftStatement]? = nil
  /// For a computed property: the setter's statements (`newValue` in scope).
  var setter: [SwiftStatement]? = nil
}

/// A function or initializer whose signature is written out whole, or a protocol's
/// requirement of one.
struct SwiftFunction: Hashable {
  var documentation: [String] = []
  /// Everything before the body, e.g. `public mutating func merge(from other: Self)`.
  var signature: String
  /// The statements; `nil` for a protocol requirement, which has no body.
  var body: [SwiftStatement]?
}

/// An enum case, with an optional associated value.
struct SwiftEnumCase: Hashable {
  var documentation: [String] = []
  var isIndirect = false
  var name: String
  var associatedValue: String? = nil
  /// A trailing `// = 3` style comment.
  var trailingComment: String? = nil
}

/// A statement inside a body: a line, or a braced block, or a `case` label of a switch.
indirect enum SwiftStatement: Hashable {
  /// One line of code.
  case line(String)
  /// `opening {` body `}` (the opening line carries its own `{`).
  case block(String, [SwiftStatement], closing: String = "}")
  /// A `case …:` or `default:` label, its statements indented below it.
  case switchCase(String, [SwiftStatement])
}

/// A whole generated file.
struct SwiftFile: Hashable {
  var header: [String]
  var imports: [String]
  var declarations: [SwiftDeclaration]
}

/// Lays out a parenthesized list the way swift-format does: on one line when it fits, otherwise
/// with the items on lines of their own, as many to a line as fit, and the closing parenthesis
/// starting the last line.
enum SwiftLayout {
  /// The lines of `head(items)tail` at `depth`, within `width` columns; `reserve` columns are
  /// kept free after the last line (for a ` {`).
  static func lines(
    _ head: String, _ items: [String], _ tail: String, depth: Int, reserve: Int = 0, width: Int = 100
  ) -> [String] {
    let indent = 2 * depth
    let oneLine = head + "(" + items.joined(separator: ", ") + ")" + tail
    guard indent + oneLine.count + reserve > width else { return [oneLine] }
    var lines: [String] = []
    var current = ""
    for (index, item) in items.enumerated() {
      let piece = item + (index == items.count - 1 ? "" : ",")
      if !current.isEmpty, indent + 2 + current.count + 1 + piece.count > width {
        lines.append(current)
        current = piece
      } else {
        current += current.isEmpty ? piece : " " + piece
      }
    }
    lines.append(current)
    return [head + "("] + lines.map { "  " + $0 } + [")" + tail]
  }
}

extension SwiftFunction {
  /// A signature laid out by ``SwiftLayout``, for a function declared at `depth`.
  static func signature(_ head: String, parameters: [String], effects: String, depth: Int) -> String {
    SwiftLayout.lines(head, parameters, effects, depth: depth, reserve: 2).joined(separator: "\n")
  }
}

extension SwiftStatement {
  /// A call statement laid out by ``SwiftLayout``, one ``line(_:)`` per line, for a body at
  /// `depth`.
  static func call(_ callee: String, arguments: [String], depth: Int) -> [SwiftStatement] {
    SwiftLayout.lines(callee, arguments, "", depth: depth).map(SwiftStatement.line)
  }
}

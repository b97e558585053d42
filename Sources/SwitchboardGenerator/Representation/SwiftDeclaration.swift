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

extension SwiftFunction {
  /// `head(parameters) effects` on one line when that fits in `width` columns at `depth`;
  /// otherwise the parameters go on lines of their own, as many to a line as fit, and the
  /// closing parenthesis starts the last line, as swift-format lays out a long signature.
  static func signature(
    _ head: String, parameters: [String], effects: String, depth: Int, width: Int = 100
  ) -> String {
    let indent = 2 * depth
    let oneLine = head + "(" + parameters.joined(separator: ", ") + ")" + effects
    guard indent + oneLine.count + 2 > width else { return oneLine }
    var lines: [String] = []
    var current = ""
    for (index, parameter) in parameters.enumerated() {
      let piece = parameter + (index == parameters.count - 1 ? "" : ",")
      if !current.isEmpty, indent + 2 + current.count + 1 + piece.count > width {
        lines.append(current)
        current = piece
      } else {
        current += current.isEmpty ? piece : " " + piece
      }
    }
    lines.append(current)
    return ([head + "("] + lines.map { "  " + $0 } + [")" + effects]).joined(separator: "\n")
  }
}

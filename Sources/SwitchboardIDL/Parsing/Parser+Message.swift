extension Parser {
  /// Parses `message Name { ... }` with `message` current, at nesting level `depth`.
  mutating func parseMessage(depth: Int) throws(Failure) -> MessageSyntax {
    let documentation = self.documentation
    let keyword = current
    advance()
    let name = try identifier("message name")
    guard depth <= Self.maximumNesting else {
      report("messages are nested more than \(Self.maximumNesting) levels deep", at: keyword)
      throw Failure()
    }
    var message = MessageSyntax(
      name: name.text, location: location(of: name), documentation: documentation)
    try parseBlock(closing: "message '\(name.text)'") { parser throws(Failure) in
      try parser.parseMessageStatement(into: &message, depth: depth)
    }
    return message
  }

  /// Parses one statement of a message body.
  private mutating func parseMessageStatement(
    into message: inout MessageSyntax,
    depth: Int
  ) throws(Failure) {
    if consumeIfPresent(";") { return }
    let keyword = current
    switch keyword.kind == .identifier ? keyword.text : "" {
    case "message":
      message.messages.append(try parseMessage(depth: depth + 1))
    case "enum":
      message.enums.append(try parseEnum())
    case "oneof":
      try parseOneof(into: &message)
    case "reserved":
      message.reserved.append(try parseReserved(maximum: 536_870_911))
    case "option":
      let option = try parseOptionStatement()
      if option.name == "deprecated" { message.isDeprecated = requireBool(option) }
    case "extensions":
      report("'extensions' ranges are not supported: extensions are a proto2 feature", at: keyword)
      throw Failure()
    case "extend":
      report("'extend' is not supported: extensions are a proto2 feature", at: keyword)
      throw Failure()
    default:
      guard keyword.kind == .identifier || keyword.isSymbol(".") else {
        throw unexpected("a field or a declaration in message '\(message.name)'")
      }
      message.fields.append(try parseField(inOneof: nil))
    }
  }

  /// Parses `oneof name { ... }` with `oneof` current; members go to the message's fields.
  private mutating func parseOneof(into message: inout MessageSyntax) throws(Failure) {
    let documentation = self.documentation
    advance()
    let name = try identifier("oneof name")
    let index = message.oneofs.count
    message.oneofs.append(
      OneofSyntax(name: name.text, location: location(of: name), documentation: documentation))
    var fields: [FieldSyntax] = []
    try parseBlock(closing: "oneof '\(name.text)'") { parser throws(Failure) in
      if parser.consumeIfPresent(";") { return }
      if parser.current.isIdentifier("option") {
        _ = try parser.parseOptionStatement()
        return
      }
      fields.append(try parser.parseField(inOneof: index))
    }
    message.fields.append(contentsOf: fields)
  }

  /// Parses `reserved 1, 5 to 9, 40 to max;` or `reserved "a", "b";` with `reserved` current.
  ///
  /// `max` becomes `maximum` (the largest field number, or `Int32.max` in enums).
  mutating func parseReserved(maximum: Int64) throws(Failure) -> ReservedSyntax {
    advance()
    if current.kind == .string {
      var names: [ReservedNameSyntax] = []
      repeat {
        guard current.kind == .string else { throw unexpected("reserved name string") }
        names.append(ReservedNameSyntax(name: current.value, location: here))
        advance()
      } while consumeIfPresent(",")
      try consume(";", "after reserved names")
      return .names(names)
    }
    if current.kind == .identifier {
      report(
        "reserved names must be quoted strings in proto3: write \"\(current.text)\"", at: current)
      throw Failure()
    }
    var ranges: [ReservedRangeSyntax] = []
    repeat {
      let (lower, location) = try signedInteger("reserved number or range")
      var upper = lower
      if current.isIdentifier("to") {
        advance()
        if current.isIdentifier("max") {
          advance()
          upper = maximum
        } else {
          upper = try signedInteger("number or 'max' after 'to'").0
        }
      }
      ranges.append(ReservedRangeSyntax(lower: lower, upper: upper, location: location))
    } while consumeIfPresent(",")
    try consume(";", "after reserved ranges")
    return .ranges(ranges)
  }
}

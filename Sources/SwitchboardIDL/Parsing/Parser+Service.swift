extension Parser {
  /// Parses `service Name { ... }` with `service` current.
  mutating func parseService() throws(Failure) -> ServiceSyntax {
    let documentation = self.documentation
    advance()
    let name = try identifier("service name")
    var service = ServiceSyntax(
      name: name.text, location: location(of: name), documentation: documentation)
    try parseBlock(closing: "service '\(name.text)'") { parser throws(Failure) in
      if parser.consumeIfPresent(";") { return }
      if parser.current.isIdentifier("option") {
        let option = try parser.parseOptionStatement()
        if option.name == "deprecated" { service.isDeprecated = parser.requireBool(option) }
        return
      }
      guard parser.current.isIdentifier("rpc") else {
        throw parser.unexpected("'rpc' or 'option' in service '\(name.text)'")
      }
      service.methods.append(try parser.parseMethod())
    }
    return service
  }

  /// Parses `rpc Name([stream] Req) returns ([stream] Res);` or with a `{ option ...; }` body.
  private mutating func parseMethod() throws(Failure) -> MethodSyntax {
    let documentation = self.documentation
    advance()
    let name = try identifier("rpc name")
    try consume("(", "after rpc name")
    let clientStreaming = consumeStream()
    let input = try qualifiedName("request type")
    try consume(")", "after request type")
    guard current.isIdentifier("returns") else { throw unexpected("'returns' after request") }
    advance()
    try consume("(", "after 'returns'")
    let serverStreaming = consumeStream()
    let output = try qualifiedName("response type")
    try consume(")", "after response type")
    var method = MethodSyntax(
      name: name.text, location: location(of: name), inputType: input, outputType: output,
      clientStreaming: clientStreaming, serverStreaming: serverStreaming,
      documentation: documentation)
    if current.isSymbol("{") {
      try parseBlock(closing: "rpc '\(name.text)'") { parser throws(Failure) in
        if parser.consumeIfPresent(";") { return }
        guard parser.current.isIdentifier("option") else {
          throw parser.unexpected("'option' in rpc '\(name.text)'")
        }
        let option = try parser.parseOptionStatement()
        if option.name == "deprecated" { method.isDeprecated = parser.requireBool(option) }
      }
    } else {
      try consume(";", "after rpc declaration")
    }
    return method
  }

  /// Consumes `stream` when it is a keyword here (followed by a type name, not by `)`).
  private mutating func consumeStream() -> Bool {
    guard current.isIdentifier("stream"),
      peek(1).kind == .identifier || peek(1).isSymbol(".")
    else { return false }
    advance()
    return true
  }
}

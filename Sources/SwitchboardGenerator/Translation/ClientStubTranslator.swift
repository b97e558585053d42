import SwitchboardIDL

/// Translates a service into its client side: a protocol with one requirement per rpc
/// (`HealthClientProtocol`, which fakes conform to), overloads with default call options, and
/// the struct that makes the calls through an `RPCClient` (`HealthClient`).
struct ClientStubTranslator {
  let context: TranslationContext

  func translate(_ service: Service, namespace: String, methods: [MethodPlan]) -> [SwiftDeclaration] {
    let runtime = ValueCoding.runtime
    let access = context.access.map { $0 + " " } ?? ""
    let serviceDocumentation = TranslationContext.documentation(service.documentation, deprecated: service.isDeprecated)
    let protocolName = namespace + "ClientProtocol"
    let structName = namespace + "Client"

    let requirements = methods.map { plan in
      SwiftDeclaration.function(SwiftFunction(
        documentation: documentation(plan),
        signature: signature(plan, withOptions: true, access: "", depth: 1), body: nil))
    }
    let overloads = methods.map { plan in
      SwiftDeclaration.function(SwiftFunction(
        documentation: documentation(plan, more: ["Makes the call with the default options."]),
        signature: signature(plan, withOptions: false, access: access, depth: 1),
        body: SwiftStatement.call(
          "try await self.\(plan.name)",
          arguments: arguments(plan, options: "\(runtime).CallOptions()", labelRequest: false), depth: 2)))
    }
    let calls = methods.map { plan in
      SwiftDeclaration.function(SwiftFunction(
        documentation: documentation(plan),
        signature: signature(plan, withOptions: true, access: access, depth: 1),
        body: SwiftStatement.call(
          "try await client.\(plan.kind.rawValue)",
          arguments: [plan.descriptor] + arguments(plan, options: "options", labelRequest: true), depth: 2)))
    }
    return [
      .type(SwiftTypeDeclaration(
        kind: .protocol,
        name: protocolName,
        documentation: TranslationContext.paragraphs(
          serviceDocumentation,
          ["The calls of `\(service.fullName)`, made by `\(structName)`, or by a fake in tests."]),
        access: context.access,
        conformances: ["Sendable"],
        members: requirements)),
      .type(SwiftTypeDeclaration(kind: .extension, name: protocolName, members: overloads)),
      .type(SwiftTypeDeclaration(
        kind: .struct,
        name: structName,
        documentation: TranslationContext.paragraphs(
          serviceDocumentation,
          ["Calls `\(service.fullName)` through an `RPCClient`: `\(structName)(wrapping: client)`."]),
        access: context.access,
        conformances: [protocolName],
        members: [
          .property(SwiftProperty(
            documentation: ["The runtime client that makes the calls."], access: context.access,
            isMutable: false, name: "client", type: "\(runtime).RPCClient")),
          .function(SwiftFunction(
            documentation: ["Creates a client of `\(service.fullName)` that calls through `client`."],
            signature: "\(access)init(wrapping client: \(runtime).RPCClient)",
            body: [.line("self.client = client")])),
        ] + calls)),
    ]
  }

  private func documentation(_ plan: MethodPlan, more: [String] = []) -> [String] {
    plan.documentation(or: "Calls `\(plan.path)`: \(plan.kind.summary).", more: more)
  }

  /// A client method of `plan`'s kind, with or without the `options` parameter.
  private func signature(_ plan: MethodPlan, withOptions: Bool, access: String, depth: Int) -> String {
    let runtime = ValueCoding.runtime
    var parameters: [String] = []
    if !plan.kind.streamsRequests { parameters.append("_ request: \(plan.input)") }
    if withOptions { parameters.append("options: \(runtime).CallOptions") }
    if plan.kind.streamsRequests {
      parameters.append("requestProducer: @escaping @Sendable (\(runtime).RPCWriter<\(plan.input)>) async throws -> Void")
    }
    var head = "\(access)func \(plan.name)"
    let effects: String
    if plan.kind.streamsResponses {
      head += "<\(plan.result): Sendable>"
      parameters.append("onResponse: (\(runtime).RPCMessageStream<\(plan.output)>) async throws -> \(plan.result)")
      effects = " async throws -> \(plan.result)"
    } else {
      effects = " async throws -> \(plan.output)"
    }
    return SwiftFunction.signature(head, parameters: parameters, effects: effects, depth: depth)
  }

  /// The arguments passing a client method's parameters on, with `options` as given: to the
  /// runtime, which labels the request, or to the stub's own method, which does not.
  private func arguments(_ plan: MethodPlan, options: String, labelRequest: Bool) -> [String] {
    var arguments: [String] = []
    if !plan.kind.streamsRequests { arguments.append(labelRequest ? "request: request" : "request") }
    arguments.append("options: \(options)")
    if plan.kind.streamsRequests { arguments.append("requestProducer: requestProducer") }
    if plan.kind.streamsResponses { arguments.append("onResponse: onResponse") }
    return arguments
  }
}

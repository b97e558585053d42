import SwitchboardIDL

/// Translates a service into the protocol its implementations conform to (`HealthService`),
/// one requirement per rpc, and an extension that registers every rpc with an `RPCRouter`.
struct ServerStubTranslator {
  let context: TranslationContext

  func translate(_ service: Service, namespace: String, methods: [MethodPlan]) -> [SwiftDeclaration] {
    let runtime = ValueCoding.runtime
    let requirements = methods.map { plan in
      SwiftDeclaration.function(SwiftFunction(
        documentation: plan.documentation(or: "Serves `\(plan.path)`: \(plan.kind.summary)."),
        signature: requirement(plan, depth: 1), body: nil))
    }
    let registrations = methods.map { plan in
      let arguments = (plan.kind.streamsRequests ? ["requests"] : ["request"])
        + (plan.kind.streamsResponses ? ["writer"] : []) + ["context"]
      let call = "\(arguments[0]), " + arguments.dropFirst().map { "\($0): \($0)" }.joined(separator: ", ")
      return SwiftStatement.block(
        "router.\(plan.kind.registration)(\(plan.descriptor)) { \(arguments.joined(separator: ", ")) in",
        [.line("try await self.\(plan.name)(\(call))")])
    }
    let access = context.access.map { $0 + " " } ?? ""
    return [
      .type(SwiftTypeDeclaration(
        kind: .protocol,
        name: namespace + "Service",
        documentation: TranslationContext.paragraphs(
          TranslationContext.documentation(service.documentation, deprecated: service.isDeprecated),
          ["The server side of `\(service.fullName)`: implement its methods and pass the value to an `RPCServer`."]),
        access: context.access,
        conformances: ["\(runtime).RPCService"],
        members: requirements)),
      .type(SwiftTypeDeclaration(
        kind: .extension,
        name: namespace + "Service",
        members: [
          .function(SwiftFunction(
            documentation: ["Registers every rpc of `\(service.fullName)` with `router`."],
            signature: "\(access)func registerMethods(with router: inout \(runtime).RPCRouter)",
            body: registrations)),
        ])),
    ]
  }

  /// The handler an implementation writes: what it reads and writes depends on the kind.
  private func requirement(_ plan: MethodPlan, depth: Int) -> String {
    let runtime = ValueCoding.runtime
    var parameters = [
      plan.kind.streamsRequests
        ? "_ requests: \(runtime).RPCMessageStream<\(plan.input)>" : "_ request: \(plan.input)",
    ]
    if plan.kind.streamsResponses { parameters.append("writer: \(runtime).RPCWriter<\(plan.output)>") }
    parameters.append("context: \(runtime).ServerContext")
    let effects = plan.kind.streamsResponses ? " async throws" : " async throws -> \(plan.output)"
    return SwiftFunction.signature("func \(plan.name)", parameters: parameters, effects: effects, depth: depth)
  }
}

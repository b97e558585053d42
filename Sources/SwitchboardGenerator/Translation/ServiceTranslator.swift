import SwitchboardIDL

/// Translates a service into a namespace of method descriptors, with each rpc's input and
/// output types, followed by the server and client stubs built on it.
struct ServiceTranslator {
  let context: TranslationContext

  func translate(_ service: Service) -> [SwiftDeclaration] {
    let name = SwiftNames.typeName(service.name, suffix: "Service")
    let plans = service.methods.map { MethodPlan($0, of: service, namespace: name, context: context) }
    return [namespace(service)]
      + ServerStubTranslator(context: context).translate(service, namespace: name, methods: plans)
      + ClientStubTranslator(context: context).translate(service, namespace: name, methods: plans)
  }

  private func namespace(_ service: Service) -> SwiftDeclaration {
    let name = SwiftNames.typeName(service.name, suffix: "Service")
    let runtime = ValueCoding.runtime
    var methods: [SwiftDeclaration] = []
    for method in service.methods {
      let methodName = SwiftNames.typeName(method.name, suffix: "Method")
      let scope = [name, "Method", methodName]
      let kind = MethodPlan.Kind(clientStreaming: method.clientStreaming, serverStreaming: method.serverStreaming)
      methods.append(.type(SwiftTypeDeclaration(
        kind: .enum,
        name: methodName,
        documentation: TranslationContext.documentation(method.documentation, deprecated: method.isDeprecated),
        access: context.access,
        members: [
          .typeAlias(SwiftTypeAlias(
            documentation: ["The request message."], access: context.access,
            name: "Input", type: context.names.reference(to: method.inputType, from: scope))),
          .typeAlias(SwiftTypeAlias(
            documentation: ["The response message."], access: context.access,
            name: "Output", type: context.names.reference(to: method.outputType, from: scope))),
          .property(SwiftProperty(
            documentation: ["The method's path and kind."], access: context.access, isStatic: true, isMutable: false,
            name: "descriptor", type: "",
            initialValue: "\(runtime).MethodDescriptor(service: \"\(service.fullName)\", method: \"\(method.name)\", kind: .\(kind.rawValue))")),
        ])))
    }
    let all = service.methods.map { SwiftNames.typeName($0.name, suffix: "Method") + ".descriptor" }
    methods.append(.property(SwiftProperty(
      documentation: ["Every method of the service, in schema order."], access: context.access,
      isStatic: true, isMutable: false, name: "descriptors", type: "[\(runtime).MethodDescriptor]",
      initialValue: "[" + all.joined(separator: ", ") + "]")))
    return .type(SwiftTypeDeclaration(
      kind: .enum,
      name: name,
      documentation: TranslationContext.paragraphs(
        TranslationContext.documentation(service.documentation, deprecated: service.isDeprecated),
        ["The methods of `\(service.fullName)`: their descriptors and message types."]),
      access: context.access,
      members: [
        .property(SwiftProperty(
          documentation: ["The service's fully qualified name, which prefixes its method paths."],
          access: context.access, isStatic: true, isMutable: false,
          name: "name", type: "String", initialValue: "\"\(service.fullName)\"")),
        .type(SwiftTypeDeclaration(
          kind: .enum, name: "Method",
          documentation: ["One namespace per rpc."],
          access: context.access, members: methods)),
      ]))
  }
}

import SwitchboardIDL

/// Translates a schema message into a Swift struct (its data) and an extension (its wire
/// format), recursing into nested messages and enums.
struct MessageTranslator {
  let context: TranslationContext

  /// The struct and its wire-format extension, nested types' extensions after them.
  func translate(_ message: MessageType) -> [SwiftDeclaration] {
    let path = context.names.path(of: message.fullName)
    let plans = fieldPlans(of: message, path: path)
    var declarations: [SwiftDeclaration] = [.type(structDeclaration(message, path: path, plans: plans))]
    declarations.append(.type(WireTranslator(context: context).extensionDeclaration(path: path, plans: plans)))
    for child in message.messages {
      declarations += translate(child).dropFirst()
    }
    return declarations
  }

  // MARK: Plans

  func fieldPlans(of message: MessageType, path: [String]) -> [FieldPlan] {
    let oneofs = message.oneofs.map { oneof in
      OneofPlan(oneof: oneof, propertyName: SwiftNames.propertyName(oneof.name), typeName: SwiftNames.oneofTypeName(oneof.name))
    }
    return message.fields.map { field in
      let name = SwiftNames.propertyName(field.name)
      let storage: FieldPlan.Storage
      switch field.type {
      case .map(let key, let value):
        storage = .map(key: .scalar(key), value: context.coding(of: value, from: path))
      default:
        let coding = context.coding(of: field.type, from: path)
        var indirect = false
        if case .message(let target) = field.type {
          indirect = context.recursion.isIndirect(container: message.fullName, target: target)
        }
        if let index = field.oneofIndex {
          storage = .oneofMember(coding, oneof: oneofs[index], caseName: SwiftNames.oneofCaseName(field.name), isIndirect: indirect)
        } else if field.label == .repeated {
          storage = .repeated(coding, packed: field.isPacked)
        } else if indirect {
          storage = .boxed(coding)
        } else if field.label == .optional || coding.defaultValue == nil {
          storage = .optional(coding)
        } else {
          storage = .implicit(coding)
        }
      }
      return FieldPlan(field: field, name: name, storage: storage)
    }
  }

  // MARK: The struct

  private func structDeclaration(_ message: MessageType, path: [String], plans: [FieldPlan]) -> SwiftTypeDeclaration {
    var members: [SwiftDeclaration] = []
    var emittedOneofs: Set<String> = []
    var boxes: [SwiftDeclaration] = []
    for plan in plans {
      let documentation = TranslationContext.documentation(plan.field.documentation, deprecated: plan.field.isDeprecated)
      switch plan.storage {
      case .oneofMember(let coding, let oneof, let caseName, _):
        if emittedOneofs.insert(oneof.typeName).inserted {
          members.append(.property(SwiftProperty(
            documentation: TranslationContext.paragraphs(
              TranslationContext.documentation(oneof.oneof.documentation),
              ["At most one of its cases is set; `nil` when none is."]),
            access: context.access, name: oneof.propertyName, type: "\(oneof.typeName)?")))
        }
        members.append(.property(SwiftProperty(
          documentation: TranslationContext.paragraphs(
            documentation,
            ["A view of `\(oneof.propertyName)`: its default when another case is set; setting it selects this case."]),
          access: context.access, name: plan.name, type: plan.swiftType,
          getter: [
            .line("if case .\(caseName)(let value)? = \(oneof.access) { return value }"),
            .line("return \(coding.defaultValue ?? "\(coding.swiftType)()")"),
          ],
          setter: [.line("\(oneof.access) = .\(caseName)(newValue)")])))
      case .boxed(let coding):
        let storageName = "_" + SwiftNames.bare(plan.name)
        members.append(.property(SwiftProperty(
          documentation: documentation, access: context.access, name: plan.name, type: plan.swiftType,
          getter: [.line("\(storageName)?.value")],
          setter: [.line("\(storageName) = newValue.map { \(ValueCoding.runtime).WireBox($0) }")])))
        boxes.append(.property(SwiftProperty(
          documentation: ["Holds `\(SwiftNames.bare(plan.name))` on the heap: the message contains itself through it."],
          access: "private", name: storageName, type: "\(ValueCoding.runtime).WireBox<\(coding.swiftType)>?")))
      case .optional:
        members.append(.property(SwiftProperty(
          documentation: documentation, access: context.access, name: plan.name, type: plan.swiftType)))
      default:
        members.append(.property(SwiftProperty(
          documentation: documentation, access: context.access, name: plan.name, type: plan.swiftType,
          initialValue: plan.defaultArgument)))
      }
    }
    members.append(.property(SwiftProperty(
      documentation: ["Fields this schema does not know, kept so that re-encoding loses nothing."],
      access: context.access, name: "unknownFields", type: "\(ValueCoding.runtime).UnknownFields",
      initialValue: "\(ValueCoding.runtime).UnknownFields()")))
    members += boxes
    members += oneofEnums(plans)
    for child in message.enums {
      members.append(EnumTranslator(context: context).translate(child))
    }
    for child in message.messages {
      if let first = translate(child).first { members.append(first) }
    }
    members += initializers(plans)
    return SwiftTypeDeclaration(
      kind: .struct,
      name: path[path.count - 1],
      documentation: TranslationContext.documentation(message.documentation, deprecated: message.isDeprecated),
      access: context.access,
      conformances: ["\(ValueCoding.runtime).WireMessage"],
      members: members)
  }

  private func oneofEnums(_ plans: [FieldPlan]) -> [SwiftDeclaration] {
    var order: [String] = []
    var cases: [String: (OneofPlan, [SwiftDeclaration])] = [:]
    for plan in plans {
      guard case .oneofMember(let coding, let oneof, let caseName, let indirect) = plan.storage else { continue }
      if cases[oneof.typeName] == nil {
        order.append(oneof.typeName)
        cases[oneof.typeName] = (oneof, [])
      }
      cases[oneof.typeName]!.1.append(.enumCase(SwiftEnumCase(
        documentation: TranslationContext.documentation(plan.field.documentation, deprecated: plan.field.isDeprecated),
        isIndirect: indirect, name: caseName, associatedValue: coding.swiftType)))
    }
    return order.map { typeName in
      let (oneof, members) = cases[typeName]!
      return .type(SwiftTypeDeclaration(
        kind: .enum, name: typeName,
        documentation: ["The cases of `\(SwiftNames.bare(oneof.propertyName))`."],
        access: context.access, conformances: ["Hashable", "Sendable"], members: members))
    }
  }

  private func initializers(_ plans: [FieldPlan]) -> [SwiftDeclaration] {
    let access = context.access.map { $0 + " " } ?? ""
    let empty = SwiftFunction(
      documentation: ["Creates a message with every field at its default."],
      signature: "\(access)init()", body: [])
    var parameters: [String] = []
    var body: [SwiftStatement] = []
    var emittedOneofs: Set<String> = []
    for plan in plans {
      let label = SwiftNames.bare(plan.name)
      switch plan.storage {
      case .oneofMember(_, let oneof, _, _):
        guard emittedOneofs.insert(oneof.typeName).inserted else { continue }
        parameters.append("\(SwiftNames.bare(oneof.propertyName)): \(oneof.typeName)? = nil")
        body.append(.line("\(oneof.access) = \(oneof.propertyName)"))
      case .boxed:
        parameters.append("\(label): \(plan.swiftType) = nil")
        body.append(.line("self._\(label) = \(plan.name).map { \(ValueCoding.runtime).WireBox($0) }"))
      default:
        parameters.append("\(label): \(plan.swiftType) = \(plan.defaultArgument)")
        body.append(.line("\(plan.access) = \(plan.name)"))
      }
    }
    guard !parameters.isEmpty else { return [.function(empty)] }
    let memberwise = SwiftFunction(
      documentation: ["Creates a message from its fields; those left out keep their defaults."],
      signature: "\(access)init(\n  " + parameters.joined(separator: ",\n  ") + "\n)",
      body: body)
    return [.function(empty), .function(memberwise)]
  }
}

import SwitchboardIDL

/// Every Swift name the generator will emit for a schema, and the collisions among them.
///
/// Type names carry no package prefix (the Swift module is the namespace), so two packages
/// compiled into one module, or two proto names that camel-case alike, can collide: those are
/// reported here as diagnostics at the declarations, before any code is written.
struct SwiftNameTable {
  /// A generated type: where it lives and what it came from.
  struct TypeEntry {
    /// Names from the top level down: `["Contact", "Address"]`.
    var path: [String]
    var isEnum: Bool
  }

  private(set) var types: [String: TypeEntry] = [:]
  /// For each type path, the names of the types nested in it (oneof enums included).
  private var nested: [[String]: Set<String>] = [[]: []]
  private(set) var diagnostics: [Diagnostic] = []
  let moduleName: String?

  init(schema: Schema, moduleName: String?) {
    self.moduleName = moduleName
    var topLevel: [String: SourceLocation] = [:]
    for file in schema.files {
      for message in file.messages {
        register(message, parent: [], claimed: &topLevel)
      }
      for enumType in file.enums {
        register(enumType, parent: [], claimed: &topLevel)
      }
      for service in file.services {
        register(service, claimed: &topLevel)
      }
    }
    for file in schema.files {
      for message in file.messages { checkMembers(of: message) }
      for enumType in file.enums { checkCases(of: enumType) }
      for service in file.services { checkMethods(of: service) }
    }
    diagnostics.sort { ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column) }
  }

  // MARK: Types

  private mutating func register(
    _ message: MessageType, parent: [String], claimed: inout [String: SourceLocation]
  ) {
    let path = parent + [SwiftNames.typeName(message.name, suffix: "Message")]
    claim(path, fullName: message.fullName, at: message.location, claimed: &claimed)
    types[message.fullName] = TypeEntry(path: path, isEnum: false)
    var inner: [String: SourceLocation] = [:]
    for child in message.messages { register(child, parent: path, claimed: &inner) }
    for child in message.enums { register(child, parent: path, claimed: &inner) }
    for oneof in message.oneofs {
      claim(path + [SwiftNames.oneofTypeName(oneof.name)], fullName: "oneof \(oneof.name)", at: oneof.location, claimed: &inner)
    }
  }

  private mutating func register(
    _ enumType: EnumType, parent: [String], claimed: inout [String: SourceLocation]
  ) {
    let path = parent + [SwiftNames.typeName(enumType.name, suffix: "Enum")]
    claim(path, fullName: enumType.fullName, at: enumType.location, claimed: &claimed)
    types[enumType.fullName] = TypeEntry(path: path, isEnum: true)
  }

  /// A service takes its namespace and the names its stubs use (`Chats`, `ChatsService`,
  /// `ChatsClient`, `ChatsClientProtocol`); its method namespaces may shadow message names.
  private mutating func register(_ service: Service, claimed: inout [String: SourceLocation]) {
    let name = SwiftNames.typeName(service.name, suffix: "Service")
    for suffix in ["", "Service", "Client", "ClientProtocol"] {
      claim([name + suffix], fullName: service.fullName, at: service.location, claimed: &claimed)
    }
    nested[[name], default: []].insert("Method")
    for method in service.methods {
      nested[[name, "Method"], default: []].insert(SwiftNames.typeName(method.name, suffix: "Method"))
    }
  }

  private mutating func claim(
    _ path: [String], fullName: String, at location: SourceLocation, claimed: inout [String: SourceLocation]
  ) {
    let name = path[path.count - 1]
    if let other = claimed[name] {
      diagnostics.append(Diagnostic(
        .error,
        "'\(fullName)' maps to the Swift type '\(path.joined(separator: "."))', already declared at \(other); "
          + "Swift types carry no package prefix, so rename one of them",
        at: location))
    } else {
      claimed[name] = location
    }
    nested[Array(path.dropLast()), default: []].insert(name)
  }

  // MARK: Members

  private mutating func checkMembers(of message: MessageType) {
    var claimed: [String: SourceLocation] = ["unknownFields": message.location]
    for field in message.fields {
      claimMember(SwiftNames.propertyName(field.name), proto: field.name, in: message, at: field.location, claimed: &claimed)
    }
    for oneof in message.oneofs {
      claimMember(SwiftNames.propertyName(oneof.name), proto: oneof.name, in: message, at: oneof.location, claimed: &claimed)
    }
    for child in message.messages { checkMembers(of: child) }
    for child in message.enums { checkCases(of: child) }
  }

  private mutating func claimMember(
    _ swiftName: String, proto: String, in message: MessageType, at location: SourceLocation,
    claimed: inout [String: SourceLocation]
  ) {
    let bare = SwiftNames.bare(swiftName)
    if let other = claimed[bare] {
      diagnostics.append(Diagnostic(
        .error,
        "'\(proto)' in '\(message.fullName)' maps to the Swift property '\(bare)', already used by the declaration at \(other)",
        at: location))
    } else {
      claimed[bare] = location
    }
  }

  private mutating func checkCases(of enumType: EnumType) {
    var claimed: [String: SourceLocation] = [:]
    for value in enumType.values {
      let bare = SwiftNames.bare(SwiftNames.enumCaseName(value.name, enumName: enumType.name))
      if bare == "unrecognized" {
        diagnostics.append(Diagnostic(
          .error,
          "'\(value.name)' maps to the Swift case 'unrecognized', which holds numbers the schema does not know; rename the value",
          at: value.location))
      } else if let other = claimed[bare] {
        diagnostics.append(Diagnostic(
          .error,
          "'\(value.name)' in '\(enumType.fullName)' maps to the Swift case '.\(bare)', already used by the value at \(other)",
          at: value.location))
      } else {
        claimed[bare] = value.location
      }
    }
  }

  /// Two rpcs that camel-case alike (`GetChat`, `get_chat`) would declare the same stub method.
  private mutating func checkMethods(of service: Service) {
    var claimed: [String: SourceLocation] = [:]
    for method in service.methods {
      let bare = SwiftNames.bare(SwiftNames.methodName(method.name))
      if let other = claimed[bare] {
        diagnostics.append(Diagnostic(
          .error,
          "'\(method.name)' in '\(service.fullName)' maps to the Swift method '\(bare)', already used by the rpc at \(other)",
          at: method.location))
      } else {
        claimed[bare] = method.location
      }
    }
  }

  // MARK: References

  /// How code inside the type at `scope` names the type `fullName`: its path from the top
  /// level, qualified by the module when a nested type in scope shadows its first component.
  func reference(to fullName: String, from scope: [String]) -> String {
    guard let target = types[fullName] else { return fullName }
    let first = target.path[0]
    var enclosing = scope
    while !enclosing.isEmpty {
      if nested[enclosing, default: []].contains(first), enclosing + [first] != Array(target.path.prefix(1)) {
        let qualified = target.path.joined(separator: ".")
        return moduleName.map { "\($0).\(qualified)" } ?? qualified
      }
      enclosing.removeLast()
    }
    return target.path.joined(separator: ".")
  }

  /// The path of a type by its full name.
  func path(of fullName: String) -> [String] {
    types[fullName]?.path ?? [fullName]
  }
}

/// Compares two versions of a schema for wire compatibility.
///
/// Messages, enums and services are matched by fully qualified name, fields and enum values by
/// number, rpcs by name. Breaking changes: a removed or renamed message, enum, service or rpc;
/// a field or enum value removed without reserving its number; a field whose type or
/// cardinality changed incompatibly (see ``WireCompatibility``), or that moved into or out of
/// a oneof; a number reserved in the old version taken by a new field or value; an rpc whose
/// request, response or streaming changed. Compatible changes that still deserve a look (a
/// renamed field or value, a widened type, a removed name left unreserved) come back as
/// issues that are not breaking.
///
/// ```swift
/// for issue in SchemaCompatibility.check(old: v1, new: v2) where issue.isBreaking {
///   // new.proto:12:3: error: field 3 of chat.Contact changed type from string to int32
///   print(issue)
/// }
/// ```
public enum SchemaCompatibility {
  /// The changes from `old` to `new`, breaking or worth a look, in the old schema's
  /// declaration order; empty when nothing changed on the wire.
  public static func check(old: Schema, new: Schema) -> [CompatibilityIssue] {
    var checker = CompatibilityChecker(new: SchemaIndex(new))
    let oldIndex = SchemaIndex(old)
    for message in oldIndex.messages { checker.check(message) }
    for enumType in oldIndex.enums { checker.check(enumType) }
    for service in oldIndex.services { checker.check(service) }
    return checker.issues
  }
}

/// Every message, enum and service of a schema, nested ones included, by full name.
struct SchemaIndex {
  /// In declaration order.
  var messages: [MessageType] = []
  /// In declaration order.
  var enums: [EnumType] = []
  /// In declaration order.
  var services: [Service] = []
  var messagesByName: [String: MessageType] = [:]
  var enumsByName: [String: EnumType] = [:]
  var servicesByName: [String: Service] = [:]

  init(_ schema: Schema) {
    for file in schema.files {
      file.messages.forEach { add($0) }
      file.enums.forEach { add($0) }
      for service in file.services {
        services.append(service)
        servicesByName[service.fullName] = service
      }
    }
  }

  private mutating func add(_ message: MessageType) {
    messages.append(message)
    messagesByName[message.fullName] = message
    message.messages.forEach { add($0) }
    message.enums.forEach { add($0) }
  }

  private mutating func add(_ enumType: EnumType) {
    enums.append(enumType)
    enumsByName[enumType.fullName] = enumType
  }
}

/// Collects the issues of one comparison.
struct CompatibilityChecker {
  let new: SchemaIndex
  var issues: [CompatibilityIssue] = []

  /// Records a breaking change.
  mutating func breaking(_ message: String, at location: SourceLocation) {
    issues.append(CompatibilityIssue(message, at: location, isBreaking: true))
  }

  /// Records a compatible change worth a look.
  mutating func notable(_ message: String, at location: SourceLocation) {
    issues.append(CompatibilityIssue(message, at: location, isBreaking: false))
  }

  /// Compares a service with its new version.
  mutating func check(_ old: Service) {
    guard let new = new.servicesByName[old.fullName] else {
      breaking("service \(old.fullName) was removed or renamed", at: old.location)
      return
    }
    let newMethods = Dictionary(new.methods.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    for method in old.methods {
      let path = "\(old.fullName)/\(method.name)"
      guard let newMethod = newMethods[method.name] else {
        breaking("rpc \(path) was removed or renamed", at: method.location)
        continue
      }
      if method.inputType != newMethod.inputType {
        breaking(
          "rpc \(path) changed its request type from \(method.inputType) to "
            + "\(newMethod.inputType)", at: newMethod.location)
      }
      if method.outputType != newMethod.outputType {
        breaking(
          "rpc \(path) changed its response type from \(method.outputType) to "
            + "\(newMethod.outputType)", at: newMethod.location)
      }
      let oldKind = Self.streamingKind(method)
      let newKind = Self.streamingKind(newMethod)
      if oldKind != newKind {
        breaking("rpc \(path) changed from \(oldKind) to \(newKind)", at: newMethod.location)
      }
    }
  }

  private static func streamingKind(_ method: Method) -> String {
    switch (method.clientStreaming, method.serverStreaming) {
    case (false, false): return "unary"
    case (true, false): return "client streaming"
    case (false, true): return "server streaming"
    case (true, true): return "bidirectional streaming"
    }
  }
}

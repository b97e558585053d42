import SwitchboardIDL

/// Writes a message's wire format: `serializedSize()`, `encode(to:)` and `decodeFields(from:)`.
///
/// Fields are encoded in field-number order (oneof members at their own numbers), unknown
/// fields last. Tags and their sizes are computed here, at generation time, so generated code
/// writes literals.
struct WireTranslator {
  let context: TranslationContext
  private let runtime = ValueCoding.runtime

  func extensionDeclaration(path: [String], plans: [FieldPlan]) -> SwiftTypeDeclaration {
    let access = context.access.map { $0 + " " } ?? ""
    let ordered = plans.sorted { $0.field.number < $1.field.number }
    return SwiftTypeDeclaration(
      kind: .extension,
      name: path.joined(separator: "."),
      members: [
        .function(SwiftFunction(
          documentation: ["The exact number of bytes `encode(to:)` writes."],
          signature: "\(access)func serializedSize() -> Int",
          body: sizeBody(ordered))),
        .function(SwiftFunction(
          documentation: ["Writes the fields in field-number order, then the unknown fields."],
          signature: "\(access)func encode(to writer: inout \(runtime).WireWriter)",
          body: ordered.flatMap(encodeStatements) + [.line("writer.writeUnknownFields(self.unknownFields)")])),
        .function(SwiftFunction(
          documentation: ["Merges fields read up to the reader's limit into this message."],
          signature: "\(access)mutating func decodeFields(from reader: inout \(runtime).WireReader) throws(\(runtime).WireDecodingError)",
          body: [.block("while let tag = try reader.nextTag() {", [
            .block("switch tag {", ordered.flatMap(decodeCases) + [
              .switchCase("default:", [.line("try reader.skipField(tag, into: &self.unknownFields)")]),
            ]),
          ])])),
      ])
  }

  // MARK: Size

  /// A message without fields returns its unknown fields' size directly: a `var` never
  /// mutated would warn in the user's build.
  private func sizeBody(_ ordered: [FieldPlan]) -> [SwiftStatement] {
    guard !ordered.isEmpty else { return [.line("return self.unknownFields.count")] }
    return [.line("var size = self.unknownFields.count")] + ordered.flatMap(sizeStatements) + [.line("return size")]
  }

  private func sizeStatements(_ plan: FieldPlan) -> [SwiftStatement] {
    let number = plan.field.number
    switch plan.storage {
    case .implicit(let coding):
      let tag = tagSize(coding.tag(number))
      if let width = coding.fixedSize {
        return [.block("if \(coding.isSet(plan.access)) {", [.line("size += \(tag + width)")])]
      }
      return [.block("if \(coding.isSet(plan.access)) {", [.line("size += \(tag) + \(coding.size(plan.access))")])]
    case .optional(let coding), .boxed(let coding):
      let tag = tagSize(coding.tag(number))
      if let width = coding.fixedSize {
        return [.block("if \(plan.access) != nil {", [.line("size += \(tag + width)")])]
      }
      return [.block("if let value = \(plan.access) {", [.line("size += \(tag) + \(coding.size("value"))")])]
    case .oneofMember(let coding, let oneof, let caseName, _):
      let tag = tagSize(coding.tag(number))
      if let width = coding.fixedSize {
        return [.block("if case .\(caseName)? = \(oneof.access) {", [.line("size += \(tag + width)")])]
      }
      return [.block("if case .\(caseName)(let value)? = \(oneof.access) {", [.line("size += \(tag) + \(coding.size("value"))")])]
    case .repeated(let coding, let packed):
      if packed {
        let tag = tagSize(packedTag(number))
        return [.block("if !\(plan.access).isEmpty {", packedSize(plan, coding) + [
          .line("size += \(tag) + \(runtime).WireSize.lengthDelimited(packedSize)"),
        ])]
      }
      let tag = tagSize(coding.tag(number))
      if let width = coding.fixedSize {
        return [.line("size += \(plan.access).count * \(tag + width)")]
      }
      return [.block("for value in \(plan.access) {", [.line("size += \(tag) + \(coding.size("value"))")])]
    case .map(let key, let value):
      let tag = tagSize(packedTag(number))
      if let keyWidth = key.fixedSize, let valueWidth = value.fixedSize {
        let entry = tagSize(key.tag(1)) + keyWidth + tagSize(value.tag(2)) + valueWidth
        return [.line("size += \(plan.access).count * \(tag + 1 + entry)")]
      }
      // A fixed-width key or value does not take part in the size: leave it unbound.
      let pattern = "(\(key.fixedSize == nil ? "key" : "_"), \(value.fixedSize == nil ? "value" : "_"))"
      return [.block("for \(pattern) in \(plan.access) {", [
        .line("let entrySize = \(mapEntrySize(key: key, value: value))"),
        .line("size += \(tag) + \(runtime).WireSize.lengthDelimited(entrySize)"),
      ])]
    }
  }

  private func packedSize(_ plan: FieldPlan, _ coding: ValueCoding) -> [SwiftStatement] {
    if let width = coding.fixedSize {
      return [.line("let packedSize = \(plan.access).count * \(width)")]
    }
    return [
      .line("var packedSize = 0"),
      .block("for value in \(plan.access) {", [.line("packedSize += \(coding.size("value"))")]),
    ]
  }

  private func mapEntrySize(key: ValueCoding, value: ValueCoding) -> String {
    "\(tagSize(key.tag(1))) + \(key.size("key")) + \(tagSize(value.tag(2))) + \(value.size("value"))"
  }

  private func packedTag(_ number: Int32) -> UInt32 {
    UInt32(number) << 3 | ValueCoding.Wire.lengthDelimited.rawValue
  }

  // MARK: Encode

  private func encodeStatements(_ plan: FieldPlan) -> [SwiftStatement] {
    let number = plan.field.number
    switch plan.storage {
    case .implicit(let coding):
      return [.block("if \(coding.isSet(plan.access)) {", [
        .line("writer.writeTag(\(coding.tag(number)))"), .line(coding.write(plan.access)),
      ])]
    case .optional(let coding), .boxed(let coding):
      return [.block("if let value = \(plan.access) {", [
        .line("writer.writeTag(\(coding.tag(number)))"), .line(coding.write("value")),
      ])]
    case .oneofMember(let coding, let oneof, let caseName, _):
      return [.block("if case .\(caseName)(let value)? = \(oneof.access) {", [
        .line("writer.writeTag(\(coding.tag(number)))"), .line(coding.write("value")),
      ])]
    case .repeated(let coding, let packed):
      if packed {
        return [.block("if !\(plan.access).isEmpty {", [.line("writer.writeTag(\(packedTag(number)))")]
          + packedSize(plan, coding) + [
            .line("writer.writeVarint(UInt64(packedSize))"),
            .block("for value in \(plan.access) {", [.line(coding.write("value"))]),
          ])]
      }
      return [.block("for value in \(plan.access) {", [
        .line("writer.writeTag(\(coding.tag(number)))"), .line(coding.write("value")),
      ])]
    case .map(let key, let value):
      return [.block("for (key, value) in \(plan.access) {", [
        .line("writer.writeTag(\(packedTag(number)))"),
        .line("writer.writeVarint(UInt64(\(mapEntrySize(key: key, value: value))))"),
        .line("writer.writeTag(\(key.tag(1)))"), .line(key.write("key")),
        .line("writer.writeTag(\(value.tag(2)))"), .line(value.write("value")),
      ])]
    }
  }

  // MARK: Decode

  private func decodeCases(_ plan: FieldPlan) -> [SwiftStatement] {
    let number = plan.field.number
    switch plan.storage {
    case .implicit(let coding):
      return [.switchCase("case \(coding.tag(number)):", [.line("\(plan.access) = \(coding.read)")])]
    case .optional(let coding), .boxed(let coding):
      guard coding.defaultValue == nil else {
        return [.switchCase("case \(coding.tag(number)):", [.line("\(plan.access) = \(coding.read)")])]
      }
      return [.switchCase("case \(coding.tag(number)):", [
        // Taken out, not copied, so merging mutates storage nothing else shares.
        .line("var value = \(plan.access).take() ?? \(coding.swiftType)()"),
        .line("try reader.readMessage(into: &value)"),
        .line("\(plan.access) = value"),
      ])]
    case .oneofMember(let coding, let oneof, let caseName, _):
      guard coding.defaultValue == nil else {
        return [.switchCase("case \(coding.tag(number)):", [.line("\(oneof.access) = .\(caseName)(\(coding.read))")])]
      }
      return [.switchCase("case \(coding.tag(number)):", [
        .line("var value = \(coding.swiftType)()"),
        .block("if case .\(caseName)(let existing)? = \(oneof.access) {", [
          .line("value = existing"),
          .line("\(oneof.access) = nil  // leaves `value` the only owner, so merging copies nothing"),
        ]),
        .line("try reader.readMessage(into: &value)"),
        .line("\(oneof.access) = .\(caseName)(value)"),
      ])]
    case .repeated(let coding, _):
      var cases: [SwiftStatement] = []
      if let readPacked = coding.readPacked {
        // Packed and unpacked encodings are both accepted, whatever the schema prefers.
        cases.append(.switchCase("case \(packedTag(number)):", [.line("try reader.\(readPacked)(into: &\(plan.access))")]))
      }
      var append: [SwiftStatement] = [.line("\(plan.access).append(\(coding.read))")]
      if coding.wire == .lengthDelimited {
        // Reserve once for the run of elements that usually arrives together.
        append.insert(.block("if \(plan.access).isEmpty {", [.line("\(plan.access).reserveCapacity(reader.consecutiveCount())")]), at: 0)
      }
      cases.append(.switchCase("case \(coding.tag(number)):", append))
      return cases
    case .map(let key, let value):
      return [.switchCase("case \(packedTag(number)):", [
        // Size the dictionary once for the run of entries that usually arrives together.
        .block("if \(plan.access).isEmpty {", [.line("\(plan.access) = .init(minimumCapacity: reader.consecutiveCount())")]),
        .line("let outer = try reader.beginLengthDelimited()"),
        .line("var key: \(key.swiftType) = \(key.defaultValue ?? "\(key.swiftType)()")"),
        .line("var value: \(value.swiftType) = \(value.defaultValue ?? "\(value.swiftType)()")"),
        .block("while let entryTag = try reader.nextTag() {", [
          .block("switch entryTag {", [
            .switchCase("case \(key.tag(1)):", [.line("key = \(key.read)")]),
            .switchCase("case \(value.tag(2)):", [
              .line(value.defaultValue == nil ? "try reader.readMessage(into: &value)" : "value = \(value.read)"),
            ]),
            .switchCase("default:", [.line("try reader.skipField(entryTag)")]),
          ]),
        ]),
        .line("reader.endLengthDelimited(outer)"),
        .line("\(plan.access)[key] = value"),
      ])]
    }
  }
}

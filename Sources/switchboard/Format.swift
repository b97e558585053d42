import SwitchboardChatClient

/// How the client prints what the server returns: one line per item, fields tab-separated.
enum Format {
  static func chat(_ chat: Chat) -> String {
    let owner = chat.ownerAgentName.isEmpty ? "" : " (\(chat.ownerAgentName))"
    return "chat \(chat.id)\t\(section(chat.section))\(owner)\t\(chat.contactName) [\(chat.waUserID)]\t\(chat.lastMessagePreview)"
  }

  static func message(_ message: ChatMessage) -> String {
    let who = message.sender.map { $0.name.isEmpty ? "\($0.kind)" : $0.name } ?? "?"
    return "\(time(message.createdAtMs))  \(message.direction == .inbound ? "<" : ">") \(who): \(message.text)"
  }

  static func contact(_ contact: Contact) -> String {
    var lines = ["contact \(contact.id)\t\(contact.name)\t\(contact.phone)\t\(contact.email)"]
    for (key, value) in contact.attributes.sorted(by: { $0.key < $1.key }) { lines.append("  \(key) = \(value)") }
    if !contact.tags.isEmpty { lines.append("  tags: " + contact.tags.map(\.name).joined(separator: ", ")) }
    return lines.joined(separator: "\n")
  }

  static func section(_ section: Section) -> String {
    switch section {
    case .active: "active"
    case .requested: "requested"
    case .accepted: "accepted"
    case .history: "history"
    default: "?"
    }
  }

  static func section(_ text: String) throws -> Section {
    switch text {
    case "active": .active
    case "requested": .requested
    case "accepted": .accepted
    case "history": .history
    default: throw UsageError("--section takes active, requested, accepted or history; got \(text)")
    }
  }

  static func scope(_ text: String) throws -> ApiScope {
    switch text {
    case "admin": .admin
    case "ingest": .ingest
    case "delivery": .delivery
    case "tags": .tags
    default: throw UsageError("scopes are admin, ingest, delivery and tags; got \(text)")
    }
  }

  /// Milliseconds since the epoch as `YYYY-MM-DD hh:mm:ss` UTC.
  static func time(_ milliseconds: Int64) -> String {
    var seconds = milliseconds / 1000
    let secondOfDay = Int(seconds % 86_400)
    seconds /= 86_400
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = seconds + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(year)-\(two(Int(month)))-\(two(Int(day))) \(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
  }
}

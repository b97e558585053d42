import struct ChatDomain.Timestamp
import Foundation
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

  /// Milliseconds since the epoch as ISO 8601 UTC, to the second.
  static func time(_ milliseconds: Int64) -> String {
    let iso = Timestamp(millisecondsSinceEpoch: milliseconds).description  // 2026-11-29T04:41:09.123Z
    return String(iso.prefix(19)).replacingOccurrences(of: "T", with: " ")
  }
}

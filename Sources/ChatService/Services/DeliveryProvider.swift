import ChatDomain
import SwitchboardChatClient
import SwitchboardRPC
import SwitchboardSQLite

/// The delivery connector's side: the outbox it drains to WhatsApp, and the statuses it
/// reports back (forward only).
struct DeliveryProvider: DeliveryService {
  let desk: Desk

  func watchOutbox(
    _ request: WatchOutboxRequest, writer: RPCWriter<OutboxItem>, context: ServerContext
  ) async throws {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireScope(.delivery, "watching the outbox")
    try await desk.follow(.outbox, workspaceID: workspaceID, from: max(request.afterSequence, 0)) { after in
      let items = try await desk.read { try $0.outbox(workspaceID: workspaceID, after: after, limit: 256) }
      for item in items { try await writer.write(item) }
      return (items.last?.sequence ?? after, items.count == 256)
    }
  }

  func reportStatus(_ request: ReportStatusRequest, context: ServerContext) async throws -> ChatMessage {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireScope(.delivery, "reporting delivery statuses")
    let messageID = try parseID(request.messageID, "message")
    let report: ChatDomain.DeliveryStatus
    switch request.status {
    case .sent: report = .sent
    case .delivered: report = .delivered
    case .read: report = .read
    case .failed:
      guard !request.failureCode.isEmpty else {
        throw ServiceError.invalidArgument("a failed status needs the provider's failure_code (and failure_text) for the agent")
      }
      report = .failed(code: request.failureCode, text: request.failureText)
    default:
      throw ServiceError.invalidArgument("status must be sent, delivered, read or failed")
    }
    return try await desk.write { db, changes in
      guard var message = try db.message(messageID, workspaceID: workspaceID), message.direction == .outbound else {
        throw ServiceError.notFound("no outbound message has id \(messageID) in this workspace")
      }
      var status = message.status.domain(code: message.failureCode, text: message.failureText)
      guard status.apply(report) else { return message }
      message.status = request.status
      // The failure fields explain a failed status only: a withdrawn message reported sent
      // after all loses its reason for not going out.
      if case .failed(let code, let text) = status {
        message.failureCode = code
        message.failureText = text
      } else {
        message.failureCode = ""
        message.failureText = ""
      }
      if !request.waMessageID.isEmpty { message.waMessageID = request.waMessageID }
      try db.updateDelivery(message, id: messageID)
      let chatID = Int64(message.chatID)!
      changes.events.append(try db.appendEvent(workspaceID: workspaceID, chatID: chatID, messageID: messageID, kind: .chatUpdated))
      return message
    }
  }
}

extension SwitchboardChatClient.DeliveryStatus {
  /// The domain's status of a stored message.
  func domain(code: String, text: String) -> ChatDomain.DeliveryStatus {
    switch self {
    case .sent: .sent
    case .delivered: .delivered
    case .read: .read
    case .failed: .failed(code: code, text: text)
    case .withdrawn: .withdrawn(code: code, text: text)
    default: .pending
    }
  }
}

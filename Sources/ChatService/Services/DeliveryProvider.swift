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
    // An item's sequence is its message's id.
    let newest = try await desk.read { try $0.newestMessageID() }
    let start = try Desk.start(of: .outbox, after: request.afterSequence, newest: newest)
    try await desk.follow(.outbox, workspaceID: workspaceID, from: start) { after in
      let items = try await desk.read { try $0.outbox(workspaceID: workspaceID, after: after, limit: 256) }
      for item in items { try await writer.write(item) }
      return (items.last?.sequence ?? after, items.count == 256, items.last?.sequence)
    }
  }

  func reportStatus(_ request: ReportStatusRequest, context: ServerContext) async throws -> ChatMessage {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireScope(.delivery, "reporting delivery statuses")
    _ = try parseID(request.messageID, "message")
    let report = try StatusReport(request)
    return try await desk.write { db, changes in
      guard let message = try report.apply(db, workspaceID: workspaceID, changes: &changes) else {
        throw ServiceError.notFound("no outbound message has id \(request.messageID) in this workspace")
      }
      return message
    }
  }

  /// The most reports one call may carry: a commit's worth, so one call never holds the
  /// writer long.
  static let reportLimit = 1_000

  func reportStatuses(_ request: ReportStatusesRequest, context: ServerContext) async throws -> ReportStatusesResponse {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireScope(.delivery, "reporting delivery statuses")
    guard request.reports.count <= Self.reportLimit else {
      throw ServiceError.invalidArgument(
        "\(request.reports.count) reports in one call; at most \(Self.reportLimit): split them over several calls")
    }
    // Every report checked before any is applied: a bad one changes nothing.
    let reports = try request.reports.enumerated().map { index, report in
      do { return try StatusReport(report) } catch let error as ServiceError {
        throw ServiceError(code: error.code, message: "report \(index): \(error.message)")
      }
    }
    guard !reports.isEmpty else { return ReportStatusesResponse() }
    return try await desk.write { db, changes in
      ReportStatusesResponse(results: try reports.map { report in
        ReportStatusResult(message: try report.apply(db, workspaceID: workspaceID, changes: &changes))
      })
    }
  }
}

/// A checked status report: the message it names and the status it moves it to.
private struct StatusReport: Sendable {
  /// Nil when the id cannot be any message's: such a report names no message, like an
  /// unknown id (an empty one is refused).
  let messageID: Int64?
  let status: ChatDomain.DeliveryStatus
  let reported: SwitchboardChatClient.DeliveryStatus
  /// WhatsApp's id for the message, when the report gives it.
  let waMessageID: String

  init(_ request: ReportStatusRequest) throws(ServiceError) {
    do {
      messageID = try parseID(request.messageID, "message")
    } catch where error.code == .notFound {
      messageID = nil
    }
    switch request.status {
    case .sent: status = .sent
    case .delivered: status = .delivered
    case .read: status = .read
    case .failed:
      guard !request.failureCode.isEmpty else {
        throw .invalidArgument("a failed status needs the provider's failure_code (and failure_text) for the agent")
      }
      status = .failed(code: request.failureCode, text: request.failureText)
    default:
      throw .invalidArgument("status must be sent, delivered, read or failed")
    }
    reported = request.status
    waMessageID = request.waMessageID
  }

  /// Moves the message forward (a late status changes nothing) and logs the change for its
  /// chat's watchers; returns the message as it now stands, or nil when the workspace has no
  /// outbound message with the id.
  func apply(_ db: SQLiteConnection, workspaceID: Int64, changes: inout Desk.Changes) throws -> ChatMessage? {
    guard let messageID, var message = try db.message(messageID, workspaceID: workspaceID), message.direction == .outbound
    else { return nil }
    var current = message.status.domain(code: message.failureCode, text: message.failureText)
    guard current.apply(status) else { return message }
    message.status = reported
    // The failure fields explain a failed status only: a withdrawn message reported sent
    // after all loses its reason for not going out.
    if case .failed(let code, let text) = current {
      message.failureCode = code
      message.failureText = text
    } else {
      message.failureCode = ""
      message.failureText = ""
    }
    if !waMessageID.isEmpty { message.waMessageID = waMessageID }
    try db.updateDelivery(message, id: messageID)
    let chatID = Int64(message.chatID)!
    changes.events.append(try db.appendEvent(workspaceID: workspaceID, chatID: chatID, messageID: messageID, kind: .chatUpdated))
    return message
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

/// Where an outbound message is on its way to the user, as the delivery connector reports it.
///
/// Statuses only move forward: pending < sent < delivered < read. Reports arrive late and out of
/// order (WhatsApp retries webhooks), so ``apply(_:)`` ignores any report that would move a
/// status back: a late `delivered` after `read` changes nothing. A failure is final and keeps
/// the provider's error code and text; it is accepted only before the message is delivered (a
/// failure reported after `delivered` or `read` is ignored: the user has the message). A
/// withdrawn message (the service took it back while pending) still moves on when a report
/// says it went out after all.
public enum DeliveryStatus: Hashable, Sendable, CustomStringConvertible {
  /// Queued, not yet accepted by WhatsApp.
  case pending
  /// Accepted by WhatsApp.
  case sent
  /// On the user's phone.
  case delivered
  /// Read by the user.
  case read
  /// Not delivered, with the provider's error code and text.
  case failed(code: String, text: String)
  /// Taken out of the outbox by the service before it went out, with why (`code`) and a
  /// sentence for the agent (`text`).
  case withdrawn(code: String, text: String)

  /// The position of the status on the way forward: withdrawn only from pending, and
  /// failure beyond everything.
  private var rank: Int {
    switch self {
    case .pending: 0
    case .withdrawn: 1
    case .sent: 2
    case .delivered: 3
    case .read: 4
    case .failed: 5
    }
  }

  /// Moves to `report` if it is a step forward.
  ///
  /// - Returns: whether the status changed, so the service writes and notifies only then.
  public mutating func apply(_ report: DeliveryStatus) -> Bool {
    switch (self, report) {
    case (.failed, _):
      return false
    case (.delivered, .failed), (.read, .failed):
      return false
    default:
      guard report.rank > rank else { return false }
      self = report
      return true
    }
  }

  /// `pending`, `sent`, `delivered`, `read`, `failed (131047: Re-engagement message)` or
  /// `withdrawn (superseded: ...)`.
  public var description: String {
    switch self {
    case .pending: "pending"
    case .sent: "sent"
    case .delivered: "delivered"
    case .read: "read"
    case .failed(let code, let text): "failed (\(code): \(text))"
    case .withdrawn(let code, let text): "withdrawn (\(code): \(text))"
    }
  }
}

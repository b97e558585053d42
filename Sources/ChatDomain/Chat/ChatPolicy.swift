/// The workspace's time rules for chats.
public struct ChatPolicy: Hashable, Sendable {
  /// How long after the last message with the user (either way) a chat moves to History.
  public var historyAfter: Duration
  /// How long after the user's last message an agent may still write free-form text (WhatsApp's
  /// customer-service window); after it only template messages.
  public var serviceWindow: Duration
  /// How long a requested chat may wait for an agent before it counts as a breach.
  public var interventionTarget: Duration

  /// Creates a policy; the defaults are WhatsApp's 24 hours and a 5-minute target.
  public init(
    historyAfter: Duration = .seconds(24 * 3600),
    serviceWindow: Duration = .seconds(24 * 3600),
    interventionTarget: Duration = .seconds(5 * 60)
  ) {
    self.historyAfter = historyAfter
    self.serviceWindow = serviceWindow
    self.interventionTarget = interventionTarget
  }

  /// 24 hours to History, a 24-hour window, a 5-minute time-to-intervene target.
  public static let `default` = ChatPolicy()
}

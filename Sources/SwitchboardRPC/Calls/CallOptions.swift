/// How one call is made: its deadline and metadata.
///
/// ```swift
/// var options = CallOptions(timeout: .seconds(2))
/// options.metadata["authorization"] = "Bearer \(token)"
/// let chat = try await chats.getChat(request, options: options)
/// ```
public struct CallOptions: Sendable {
  /// How long the call may take from when it is made; combined with ``deadline``, the earlier
  /// wins.
  public var timeout: Duration?
  /// When the call must be over, such as the deadline a server handler received
  /// (``ServerContext/deadline``) and passes on to the services it calls.
  public var deadline: ContinuousClock.Instant?
  /// Metadata sent with the call.
  public var metadata: Metadata

  /// Creates options; with no timeout and no deadline the call may take forever.
  public init(
    timeout: Duration? = nil, deadline: ContinuousClock.Instant? = nil,
    metadata: Metadata = Metadata()
  ) {
    self.timeout = timeout
    self.deadline = deadline
    self.metadata = metadata
  }

  /// The instant the call must end by, from whichever of timeout and deadline ends first.
  func effectiveDeadline(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
    switch (timeout.map { now + $0 }, deadline) {
    case (let a?, let b?): min(a, b)
    case (let a?, nil): a
    case (nil, let b?): b
    case (nil, nil): nil
    }
  }
}

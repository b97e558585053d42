/// What a handler knows about the call it serves besides the request.
public struct ServerContext: Sendable {
  /// The method called.
  public var method: MethodDescriptor
  /// The caller's metadata, such as `authorization`.
  public var metadata: Metadata
  /// When the caller stops waiting; the runtime cancels the handler then. `nil`: no deadline.
  public var deadline: ContinuousClock.Instant?
  /// The caller's address, such as `127.0.0.1:52144`, or `in-process`.
  public var peer: String

  /// Creates a context: the runtime makes them for calls, tests for handlers they call
  /// directly.
  public init(
    method: MethodDescriptor, metadata: Metadata = Metadata(),
    deadline: ContinuousClock.Instant? = nil, peer: String = "in-process"
  ) {
    self.method = method
    self.metadata = metadata
    self.deadline = deadline
    self.peer = peer
  }

  /// Time left before the deadline (negative once it passed), or nil without one.
  public var remainingTime: Duration? {
    deadline.map { $0 - ContinuousClock.now }
  }

  /// Options for calls this handler makes to other services: the same deadline, so the whole
  /// chain gives up together.
  public var propagatedOptions: CallOptions {
    CallOptions(deadline: deadline)
  }
}

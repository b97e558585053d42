internal import SwitchboardFraming

/// The messages one call has received and its reader has not taken yet, with the call's
/// receive window: credit goes back to the sender as the reader takes messages, so a reader
/// that stops makes the sender stop.
///
/// Loop-confined, like the stream that holds it.
struct InboundMessages {
  private var assembler: MessageAssembler
  private var window: ReceiveWindow
  private var queue: [[UInt8]] = []
  private var head = 0
  /// The peer sent its last message.
  private(set) var isFinished = false
  /// Why no more messages will come, when it is not a normal end.
  private(set) var failure: RPCError?
  /// The reader waiting for the next message.
  private var waiter: UnsafeContinuation<[UInt8]?, any Error>?

  init(maxMessageSize: Int, windowSize: Int) {
    assembler = MessageAssembler(maxMessageSize: maxMessageSize)
    window = ReceiveWindow(initialSize: windowSize)
  }

  /// What became of a received MESSAGE frame.
  enum Outcome {
    /// Accepted; send a WINDOW_UPDATE of `grant` bytes for the call if it is not nil.
    case accepted(grant: UInt32?)
    /// The message outgrew the maximum message size: end the call with resourceExhausted.
    case tooLarge(byteCount: Int)
  }

  /// Messages received and not taken.
  var count: Int { queue.count - head }

  /// Whether a message was split into frames and its end has not arrived.
  var hasPartialMessage: Bool { assembler.hasPartialMessage }

  /// Takes a MESSAGE frame's payload.
  ///
  /// - Throws: a flow-control violation (a connection error) when the peer overran its credit.
  mutating func receive(_ frame: MessageFrame) throws(FramingError) -> Outcome {
    let size = frame.payload.count
    try window.receive(size)
    switch assembler.append(frame) {
    case .incomplete, .discarded:
      // Bytes buffered into a message under assembly, or dropped: give the credit back now,
      // or a message larger than the window could never complete.
      return .accepted(grant: window.release(size))
    case .tooLarge(let byteCount):
      return .tooLarge(byteCount: byteCount)
    case .message(let bytes):
      if let waiter {
        self.waiter = nil
        waiter.resume(returning: Array(bytes))
        return .accepted(grant: window.release(bytes.count))
      }
      queue.append(Array(bytes))
      return .accepted(grant: nil)
    }
  }

  /// The peer will send no more: the reader gets nil after the queued messages.
  mutating func finish() {
    isFinished = true
    if let waiter, count == 0 {
      self.waiter = nil
      waiter.resume(returning: nil)
    }
  }

  /// The call failed: the reader gets the messages already queued, then `error`.
  mutating func fail(_ error: RPCError) {
    guard failure == nil, !(isFinished && count == 0) else { return }
    failure = error
    if let waiter {
      self.waiter = nil
      waiter.resume(throwing: error)
    }
  }

  /// What a reader asking for the next message gets now.
  enum Next {
    /// A message; send a WINDOW_UPDATE of `grant` bytes if it is not nil.
    case message([UInt8], grant: UInt32?)
    /// The end of the stream.
    case end
    /// The call failed.
    case failed(RPCError)
    /// Nothing yet: wait with ``wait(_:)``.
    case wait
  }

  /// Takes the next message if there is one.
  mutating func next() -> Next {
    if head < queue.count {
      let message = queue[head]
      head += 1
      if head == queue.count {
        queue.removeAll(keepingCapacity: queue.capacity <= 16)
        head = 0
      }
      return .message(message, grant: window.release(message.count))
    }
    if let failure { return .failed(failure) }
    return isFinished ? .end : .wait
  }

  /// Parks the reader until a message, the end or a failure arrives.
  mutating func wait(_ continuation: UnsafeContinuation<[UInt8]?, any Error>) {
    precondition(waiter == nil, "a message stream is read by one task at a time")
    waiter = continuation
  }

  /// Unparks the waiting reader without resuming it, for a caller that replaces this value
  /// and parks the reader on the new one.
  mutating func takeWaiter() -> UnsafeContinuation<[UInt8]?, any Error>? {
    defer { waiter = nil }
    return waiter
  }

  /// Takes the one message of a call that must have exactly one (unary requests and
  /// responses): nil when there is none or more than one.
  mutating func takeOnlyMessage() -> [UInt8]? {
    guard count == 1 else { return nil }
    defer { queue = []; head = 0 }
    return queue[head]
  }
}

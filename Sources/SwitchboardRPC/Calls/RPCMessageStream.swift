internal import Synchronization

/// The messages a call receives as they arrive: a streaming handler's requests, or a client's
/// streamed responses.
///
/// Iterate it once. Reading is what returns flow-control credit to the sender, so a consumer
/// that stops reading makes the sender wait rather than the receiver buffer without bound.
/// Iteration throws ``RPCError`` when the call fails, and ends normally when the peer finished
/// sending.
public struct RPCMessageStream<Element: Sendable>: AsyncSequence, Sendable {
  /// The error iteration throws: always an ``RPCError`` from the runtime.
  public typealias Failure = any Error

  private let nextElement: @Sendable () async throws -> Element?

  /// Creates a stream that calls `next` for each element until it returns nil.
  public init(next: @escaping @Sendable () async throws -> Element?) {
    nextElement = next
  }

  /// Creates a stream of the elements of `sequence`: how tests and fakes feed a handler or a
  /// response consumer.
  public init<S: AsyncSequence & Sendable>(_ sequence: S)
  where S.Element == Element, S.AsyncIterator: Sendable {
    let iterator = IteratorBox(sequence.makeAsyncIterator())
    nextElement = { try await iterator.next() }
  }

  /// Creates a stream of the given elements.
  public init(elements: [Element]) {
    let rest = Mutex(elements[...])
    nextElement = { rest.withLock { $0.popFirst() } }
  }

  /// Starts iteration.
  public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(nextElement: nextElement) }

  /// Walks a ``RPCMessageStream``.
  public struct AsyncIterator: AsyncIteratorProtocol {
    let nextElement: @Sendable () async throws -> Element?

    /// The next message, or nil when the sender has finished.
    public mutating func next() async throws -> Element? { try await nextElement() }
  }
}

/// Lets a `Sendable` stream hand out elements through a shared iterator, one caller at a time.
private actor IteratorBox<Iterator: AsyncIteratorProtocol & Sendable> where Iterator.Element: Sendable {
  private var iterator: Iterator

  init(_ iterator: Iterator) { self.iterator = iterator }

  func next() async throws -> Iterator.Element? {
    var copy = iterator
    defer { iterator = copy }
    return try await copy.next(isolation: self)
  }
}

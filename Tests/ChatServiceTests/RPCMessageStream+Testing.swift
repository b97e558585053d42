import SwitchboardChatClient
import Testing

extension RPCMessageStream.AsyncIterator {
  /// The next element; fails when the stream ends before one comes.
  mutating func expectNext(sourceLocation: SourceLocation = #_sourceLocation) async throws -> Element {
    try #require(try await next(), "the stream ended", sourceLocation: sourceLocation)
  }

  /// The next `count` elements; fails when the stream ends before they come.
  mutating func expectNext(_ count: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [Element] {
    var elements: [Element] = []
    for _ in 0..<count { elements.append(try await expectNext(sourceLocation: sourceLocation)) }
    return elements
  }
}

extension RPCMessageStream {
  /// Every element up to and including the first that `isLast` accepts.
  func collect(until isLast: (Element) -> Bool) async throws -> [Element] {
    var elements: [Element] = []
    for try await element in self {
      elements.append(element)
      if isLast(element) { return elements }
    }
    Issue.record("the stream ended before the last element came: \(elements.count) came")
    return elements
  }
}

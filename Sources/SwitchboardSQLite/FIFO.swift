/// A first-in first-out queue with O(1) amortised push and pop: the writer's and the reader
/// pool's waiting lines, which may hold thousands of calls under load.
struct FIFO<Element> {
  private var incoming: [Element] = []
  private var outgoing: [Element] = []

  var count: Int { incoming.count + outgoing.count }
  var isEmpty: Bool { incoming.isEmpty && outgoing.isEmpty }

  mutating func append(_ element: Element) { incoming.append(element) }

  mutating func popFirst() -> Element? {
    if outgoing.isEmpty {
      if incoming.isEmpty { return nil }
      outgoing = incoming.reversed()
      incoming.removeAll(keepingCapacity: true)
    }
    return outgoing.popLast()
  }

  /// Removes and returns up to `limit` elements, oldest first.
  mutating func popFirst(upTo limit: Int) -> [Element] {
    var taken: [Element] = []
    taken.reserveCapacity(Swift.min(limit, count))
    while taken.count < limit, let element = popFirst() { taken.append(element) }
    return taken
  }
}

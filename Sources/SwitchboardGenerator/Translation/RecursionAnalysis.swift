import SwitchboardIDL

/// Finds the message fields that must be stored indirectly.
///
/// A Swift struct cannot contain itself by value. Repeated and map fields are already on the
/// heap, so only singular message fields and oneof cases count: a field is indirect when its
/// message type reaches back to the containing message through such fields, i.e. both lie in
/// the same strongly connected component of the by-value containment graph (Tarjan's algorithm).
struct RecursionAnalysis {
  private var component: [String: Int] = [:]
  private var selfContaining: Set<String> = []

  init(schema: Schema) {
    var edges: [String: [String]] = [:]
    func collect(_ message: MessageType) {
      var targets: [String] = []
      for field in message.fields where field.label != .repeated {
        if case .message(let target) = field.type { targets.append(target) }
      }
      edges[message.fullName] = targets
      if targets.contains(message.fullName) { selfContaining.insert(message.fullName) }
      message.messages.forEach(collect)
    }
    schema.files.forEach { $0.messages.forEach(collect) }
    component = Self.stronglyConnectedComponents(edges)
  }

  /// Whether a singular field of type `target` in `container` must be boxed.
  func isIndirect(container: String, target: String) -> Bool {
    if container == target { return selfContaining.contains(container) }
    guard let a = component[container], let b = component[target] else { return false }
    return a == b
  }

  private static func stronglyConnectedComponents(_ edges: [String: [String]]) -> [String: Int] {
    var index: [String: Int] = [:]
    var lowLink: [String: Int] = [:]
    var onStack: Set<String> = []
    var stack: [String] = []
    var result: [String: Int] = [:]
    var counter = 0
    var componentCount = 0

    // Iterative depth-first search: deep schemas must not overflow the compiler's stack.
    for root in edges.keys.sorted() where index[root] == nil {
      var work: [(node: String, next: Int)] = [(root, 0)]
      index[root] = counter; lowLink[root] = counter; counter += 1
      stack.append(root); onStack.insert(root)
      while let (node, next) = work.last {
        let successors = edges[node] ?? []
        if next < successors.count {
          work[work.count - 1].next += 1
          let successor = successors[next]
          if index[successor] == nil {
            index[successor] = counter; lowLink[successor] = counter; counter += 1
            stack.append(successor); onStack.insert(successor)
            work.append((successor, 0))
          } else if onStack.contains(successor) {
            lowLink[node] = min(lowLink[node]!, index[successor]!)
          }
          continue
        }
        work.removeLast()
        if let parent = work.last?.node { lowLink[parent] = min(lowLink[parent]!, lowLink[node]!) }
        if lowLink[node] == index[node] {
          while let member = stack.popLast() {
            onStack.remove(member)
            result[member] = componentCount
            if member == node { break }
          }
          componentCount += 1
        }
      }
    }
    return result
  }
}

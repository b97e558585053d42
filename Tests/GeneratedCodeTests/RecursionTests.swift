import EverythingSchema
import SwitchboardRPC
import Testing

/// Protects recursive messages: `Node` holding itself through optional, repeated, map and
/// oneof fields and `Ping`/`Pong` holding each other round trip; 100 levels of nesting decode
/// and the 101st is refused; copies are independent values however deep the change.
@Suite("Recursive messages")
struct RecursionTests {
  /// A node with `depth` parents above it, only the last one labelled.
  static func chain(depth: Int) -> Node {
    var node = Node(label: "root")
    for _ in 0..<depth {
      node = Node(parent: node)
    }
    return node
  }

  /// The offset of the first byte inside the `level`-th nested `parent` field of `bytes`.
  static func offsetInside(_ bytes: [UInt8], level: Int) throws -> Int {
    var offset = 0
    for _ in 0..<level {
      try #require(bytes[offset] == 0x12)  // field 2, wire type 2
      var length: UInt64 = 0
      var shift: UInt64 = 0
      offset += 1
      while true {
        let byte = bytes[offset]
        offset += 1
        length |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 { break }
        shift += 7
      }
    }
    return offset
  }

  @Test("100 nested parents decode")
  func hundredDeep() throws {
    let node = Self.chain(depth: 100)
    let decoded = try roundTripped(node)
    #expect(decoded == node)
    var cursor: Node? = decoded
    var levels = 0
    while let parent = cursor?.parent {
      cursor = parent
      levels += 1
    }
    #expect(levels == 100)
    #expect(cursor?.label == "root")
  }

  @Test(
    "101 nested parents throw nestingTooDeep where the 101st begins", arguments: [101, 102, 150])
  func tooDeep(depth: Int) throws {
    let bytes = Self.chain(depth: depth).serializedBytes()
    let expected = WireDecodingError(
      .nestingTooDeep, offset: try Self.offsetInside(bytes, level: 101), fieldNumber: 2)
    #expect(decodingError(Node.self, bytes) == expected)
  }

  @Test("a map entry is a level of nesting, like the message it holds")
  func mapEntriesCount() throws {
    func nestedByName(_ depth: Int) -> Node {
      var node = Node(label: "leaf")
      for _ in 0..<depth { node = Node(byName: ["k": node]) }
      return node
    }
    // 50 entries and 50 nodes: 100 levels.
    try expectRoundTrip(nestedByName(50))
    #expect(decodingError(Node.self, nestedByName(51).serializedBytes())?.reason == .nestingTooDeep)
  }

  @Test("every recursive field: parent, children, byName, next, ping")
  func everyRecursiveField() throws {
    let leaf = Node(label: "leaf", link: .terminal("end"))
    let node = Node(
      label: "n", parent: Node(label: "p", parent: leaf),
      children: [leaf, Node(), Node(children: [leaf, leaf])],
      byName: ["": Node(), "a": leaf, "b": Node(byName: ["c": leaf])],
      link: .next(Node(label: "next", link: .next(leaf))),
      ping: Ping(pong: Pong(ping: Ping(depth: 2)), depth: 1))
    try expectRoundTrip(node)
  }

  @Test("an empty next is written (a oneof case) and decodes as set")
  func emptyNext() throws {
    // Field 5, length 0.
    #expect(Node(link: .next(Node())).serializedBytes() == [0x2A, 0x00])
    #expect(try Node(serializedBytes: [0x2A, 0x00]).link == .next(Node()))
  }

  @Test("Ping and Pong hold each other, 50 round trips deep")
  func pingPong() throws {
    var ping = Ping(depth: 0)
    for depth in 1...49 {
      ping = Ping(pong: Pong(ping: ping), depth: Int32(depth))
    }
    // 49 pongs and 49 inner pings below the outermost ping: 98 levels.
    try expectRoundTrip(ping)
    #expect(try roundTripped(ping).pong?.ping?.depth == 48)
    #expect(Ping(pong: Pong()).serializedBytes() == [0x0A, 0x00])
    // Two more pairs: 102 levels.
    let deeper = Ping(pong: Pong(ping: Ping(pong: Pong(ping: ping))))
    #expect(decodingError(Ping.self, deeper.serializedBytes())?.reason == .nestingTooDeep)
  }

  @Test("mutating a copy's parent leaves the original alone")
  func parentValueSemantics() {
    let original = Node(
      label: "child", parent: Node(label: "parent", parent: Node(label: "grandparent")))
    var copy = original
    copy.parent?.label = "changed"
    copy.parent?.parent?.label = "changed too"
    #expect(original.parent?.label == "parent")
    #expect(original.parent?.parent?.label == "grandparent")
    #expect(copy.parent?.label == "changed")
    #expect(copy.parent?.parent?.label == "changed too")
    #expect(copy != original)
    copy.parent = nil
    #expect(original.parent != nil)
  }

  @Test("mutating a copy's children, map values, next and pong leaves the original alone")
  func otherValueSemantics() {
    let original = Node(
      children: [Node(label: "c")], byName: ["k": Node(label: "v")],
      link: .next(Node(label: "next")), ping: Ping(pong: Pong(ping: Ping(depth: 1))))
    var copy = original
    copy.children[0].label = "x"
    copy.byName["k"]?.label = "x"
    copy.next.label = "x"
    copy.ping?.pong?.ping?.depth = 99
    #expect(original.children[0].label == "c")
    #expect(original.byName["k"]?.label == "v")
    #expect(original.next.label == "next")
    #expect(original.ping?.pong?.ping?.depth == 1)
    #expect(copy.next.label == "x" && copy.ping?.pong?.ping?.depth == 99)
  }

  @Test("equal trees are equal and hash alike, whether shared or built apart")
  func equalityAndHashing() throws {
    let a = Self.chain(depth: 30)
    let b = Self.chain(depth: 30)
    let c = try roundTripped(a)
    #expect(a == b && a == c)
    #expect(Set([a, b, c]).count == 1)
    #expect(a != Self.chain(depth: 29))
  }

  @Test("deep trees encode without limit; the decoder refuses them")
  func deepEncode() {
    let node = Self.chain(depth: 200)
    let bytes = node.serializedBytes()
    #expect(bytes.count == node.serializedSize())
    #expect(decodingError(Node.self, bytes)?.reason == .nestingTooDeep)
  }
}

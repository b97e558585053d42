import EverythingSchema
import SwitchboardRPC
import SwitchboardTestSupport

/// The message types the hostile-input tests feed, with a NaN-proof equality for each.
enum HostileTarget: CaseIterable {
  case contact, maps, repeated, node

  /// Valid, rich encodings to mutate: every field kind, unknown fields, groups, recursion.
  static let corpus: [(target: HostileTarget, bytes: [UInt8])] = {
    let address = Contact.Address(street: "Hauptstraße 1", city: "Köln", countryCode: "DE")
    var contact = Contact(
      waID: "4915112345678", name: "Zoë", source: .import, address: address, phone: "+49",
      created: Stamp(millis: -1), priority: .unrecognized(9), channel: .postal(address), notes: "n")
    contact.unknownFields = UnknownFields(bytes: [
      0x98, 0x06, 0x01, 0x9B, 0x06, 0x08, 0x01, 0x9C, 0x06,
    ])
    let maps = Maps(
      stringToString: ["k": "v", "": "é"], int32ToInt64: [-1: .max], int64ToString: [.min: "m"],
      uint32ToBool: [7: true], uint64ToDouble: [1: 2.5], sint32ToFloat: [-3: -0.5],
      sint64ToBytes: [5: [0xFF, 0x00]], fixed32ToFixed64: [1: 2], fixed64ToSfixed32: [3: -4],
      sfixed32ToSfixed64: [-5: 6], sfixed64ToSint32: [7: -8], boolToUint32: [true: 300],
      stringToPriority: ["p": .high, "q": .unrecognized(-1)],
      stringToStamp: ["s": Stamp(millis: 1_000)])
    let repeated = Repeated(
      doubles: [1.5, -0.0], floats: [2.5], int32S: [-1, 150, 0], int64S: [.min], uint32S: [300],
      uint64S: [.max], sint32S: [-64, 64], sint64S: [-1], fixed32S: [1], fixed64S: [2],
      sfixed32S: [-3], sfixed64S: [4], bools: [true, false], strings: ["", "ü"],
      byteStrings: [[0x80]], priorities: [.low, .unrecognized(5)],
      stamps: [Stamp(millis: 5), Stamp()], unpackedInt32S: [-2, 3])
    let leaf = Node(label: "leaf", link: .terminal("t"))
    let node = Node(
      label: "root", parent: Node(label: "p", parent: leaf), children: [leaf, Node()],
      byName: ["a": leaf, "": Node(children: [leaf])], link: .next(Node(link: .next(leaf))),
      ping: Ping(pong: Pong(ping: Ping(depth: -1)), depth: 3))
    var deep = Node(label: "bottom")
    for _ in 0..<98 { deep = Node(parent: deep) }
    return [
      (.contact, contact.serializedBytes()),
      (.contact, Contact(waID: "1", channel: .email("e@x"), notes: "far").serializedBytes()),
      (.maps, maps.serializedBytes()),
      (.repeated, repeated.serializedBytes()),
      (.node, node.serializedBytes()),
      (.node, deep.serializedBytes()),
    ]
  }()

  /// Decodes `input`; if it decodes, checks that the message re-encodes to exactly its size
  /// and decodes again to an equal message. Returns whether it decoded, and a failure message.
  func exercise(_ input: [UInt8]) -> (decoded: Bool, problem: String?) {
    switch self {
    case .contact: Self.exercise(Contact.self, input, equal: ==)
    case .maps: Self.exercise(Maps.self, input, equal: Self.equal)
    case .repeated: Self.exercise(Repeated.self, input, equal: Self.equal)
    case .node: Self.exercise(Node.self, input, equal: ==)
    }
  }

  static func exercise<M: WireMessage>(
    _: M.Type, _ input: [UInt8], equal: (M, M) -> Bool
  ) -> (decoded: Bool, problem: String?) {
    let message: M
    do {
      message = try M(serializedBytes: input)
    } catch {
      if error.offset < 0 || error.offset > input.count {
        return (false, "error offset \(error.offset) outside the input: \(error)")
      }
      return (false, nil)
    }
    // serializedBytes() itself traps if the size was wrong.
    let bytes = message.serializedBytes()
    let again: M
    do {
      again = try M(serializedBytes: bytes)
    } catch {
      return (true, "re-encoding does not decode: \(error); re-encoded \(hex(bytes))")
    }
    if !equal(message, again) {
      return (true, "re-encoded message differs: \(message) vs \(again)")
    }
    return (true, nil)
  }

  /// Equality that compares floating-point values by bit pattern, so NaNs compare.
  static func equal(_ a: Maps, _ b: Maps) -> Bool {
    guard a.uint64ToDouble.mapValues(\.bitPattern) == b.uint64ToDouble.mapValues(\.bitPattern),
      a.sint32ToFloat.mapValues(\.bitPattern) == b.sint32ToFloat.mapValues(\.bitPattern)
    else { return false }
    var (a, b) = (a, b)
    (a.uint64ToDouble, b.uint64ToDouble, a.sint32ToFloat, b.sint32ToFloat) = ([:], [:], [:], [:])
    return a == b
  }

  static func equal(_ a: Repeated, _ b: Repeated) -> Bool {
    guard a.doubles.map(\.bitPattern) == b.doubles.map(\.bitPattern),
      a.floats.map(\.bitPattern) == b.floats.map(\.bitPattern)
    else { return false }
    var (a, b) = (a, b)
    (a.doubles, b.doubles, a.floats, b.floats) = ([], [], [], [])
    return a == b
  }
}

/// Makes hostile inputs: mutated valid encodings, random fields, random bytes.
struct HostileInputMaker {
  var random: SeededGenerator

  mutating func byte() -> UInt8 { UInt8.random(in: 0...255, using: &random) }

  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

  /// One input and the message type to decode it as.
  mutating func next() -> (HostileTarget, [UInt8]) {
    let corpus = HostileTarget.corpus
    let (target, base) = corpus[int(0...corpus.count - 1)]
    switch int(0...9) {
    case 0:
      return (target, (0..<int(0...64)).map { _ in byte() })
    case 1, 2:
      var bytes: [UInt8] = []
      for _ in 0..<int(1...6) { bytes += randomField(depth: 0) }
      return (target, bytes)
    default:
      return (target, mutated(base))
    }
  }

  /// `bytes` with one to four random edits.
  mutating func mutated(_ bytes: [UInt8]) -> [UInt8] {
    var bytes = bytes
    let interesting: [UInt8] = [
      0x00, 0x01, 0x7F, 0x80, 0xFF, 0x0A, 0x0B, 0x0C, 0x0E, 0x0F, 0x12, 0x2A,
    ]
    for _ in 0..<int(1...4) {
      let at = int(0...max(bytes.count - 1, 0))
      switch int(0...8) {
      case 0 where !bytes.isEmpty: bytes[at] ^= 1 << UInt8(int(0...7))
      case 1 where !bytes.isEmpty: bytes[at] = byte()
      case 2 where !bytes.isEmpty: bytes[at] = interesting[int(0...interesting.count - 1)]
      case 3:
        bytes.insert(contentsOf: (0..<int(1...3)).map { _ in byte() }, at: min(at, bytes.count))
      case 4 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + int(1...8)))
      case 5: bytes = Array(bytes.prefix(at))
      case 6:
        let end = min(bytes.count, at + int(1...16))
        bytes.insert(contentsOf: bytes[min(at, end)..<end], at: min(at, bytes.count))
      case 7:
        // Splice in a piece of another valid encoding.
        let other = HostileTarget.corpus[int(0...HostileTarget.corpus.count - 1)].bytes
        let from = int(0...other.count - 1)
        let piece = other[from..<min(other.count, from + int(1...24))]
        let end = min(bytes.count, at + int(0...8))
        bytes.replaceSubrange(min(at, end)..<end, with: piece)
      default:
        // Concatenate another encoding: a valid merge before any other edit.
        bytes += HostileTarget.corpus[int(0...HostileTarget.corpus.count - 1)].bytes
      }
    }
    return bytes
  }

  /// A field with a random number and wire type and a plausible value.
  mutating func randomField(depth: Int) -> [UInt8] {
    let numbers = [1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17, 18, 99, 536_870_911]
    let number = numbers[int(0...numbers.count - 1)]
    let wireType = int(0...5)
    var bytes = referenceVarint(UInt64(number << 3 | wireType))
    switch wireType {
    case 0:
      bytes += referenceVarint(random.next() >> UInt64(int(0...63)))
    case 1:
      bytes += (0..<8).map { _ in byte() }
    case 2:
      var payload: [UInt8] = []
      if depth < 4 && int(0...1) == 0 {
        for _ in 0..<int(0...3) { payload += randomField(depth: depth + 1) }
      } else {
        payload = (0..<int(0...12)).map { _ in byte() }
      }
      bytes += referenceVarint(UInt64(payload.count)) + payload
    case 3:
      for _ in 0..<int(0...2) where depth < 4 { bytes += randomField(depth: depth + 1) }
      // Usually the matching end marker; sometimes another field's.
      bytes += referenceVarint(UInt64((int(0...9) == 0 ? number + 1 : number) << 3 | 4))
    case 4:
      break
    default:
      bytes += (0..<4).map { _ in byte() }
    }
    return bytes
  }
}

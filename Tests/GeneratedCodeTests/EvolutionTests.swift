import EvolutionV1
import EvolutionV2
import SwitchboardRPC
import Testing
import SwitchboardTestSupport

/// Protects schema evolution, both ways: a v2 `Profile` passes through a v1 service without
/// losing a byte of its new fields, v2 keeps v1's removed `fax` as an unknown field, a renamed
/// field keeps its number, and an enum value v1 does not know survives as `unrecognized`.
@Suite("Schema evolution")
struct EvolutionTests {
  typealias V1 = EvolutionV1.Profile
  typealias V2 = EvolutionV2.Profile

  static let v1 = V1(id: "p-1", name: "Ada", fax: "+44 20 7946 0000", tier: .pro, tags: ["a", "b"])

  static let v2 = V2(
    id: "p-2", displayName: "Grace", tier: .enterprise, tags: ["x"], email: "grace@example.com",
    scores: [-1, 0, .max], address: V2.Address(city: "Arlington"),
    attributes: ["team": "navy", "": "", "rank": "rear admiral"])

  @Test("v1 bytes read by v2: shared fields by number, fax kept as unknown")
  func v1ReadByV2() throws {
    let bytes = Self.v1.serializedBytes()
    let read = try V2(serializedBytes: bytes)
    #expect(read.id == "p-1")
    #expect(read.displayName == "Ada")  // renamed, same number
    #expect(read.tier == .pro)
    #expect(read.tags == ["a", "b"])
    #expect(
      read.email == "" && read.scores.isEmpty && read.address == nil && read.attributes.isEmpty)
    // Field 3, wire type 2: 1A, then the length and the fax number, verbatim.
    #expect(read.unknownFields.bytes == [0x1A, 0x10] + Array("+44 20 7946 0000".utf8))
  }

  @Test("v1 → v2 → v1: the fax survives the service that reserved its number")
  func faxSurvivesV2() throws {
    let throughV2 = try V2(serializedBytes: Self.v1.serializedBytes()).serializedBytes()
    let back = try V1(serializedBytes: throughV2)
    #expect(back == Self.v1)
    // v2 writes the unknown fax after its known fields; v1 puts it back in its place.
    #expect(back.serializedBytes() == Self.v1.serializedBytes())
  }

  @Test("v2 bytes read by v1: shared fields by number, new fields kept as unknown")
  func v2ReadByV1() throws {
    let read = try V1(serializedBytes: Self.v2.serializedBytes())
    #expect(read.id == "p-2")
    #expect(read.name == "Grace")
    #expect(read.tier == .unrecognized(3))
    #expect(read.tags == ["x"])
    #expect(read.fax == "")
    #expect(!read.unknownFields.isEmpty)
    // Exactly fields 6 to 9, as v2 wrote them.
    let onlyNew = V2(
      email: Self.v2.email, scores: Self.v2.scores, address: Self.v2.address,
      attributes: Self.v2.attributes)
    #expect(try V2(serializedBytes: read.unknownFields.bytes) == onlyNew)
  }

  @Test("v2 → v1 → v2: the new fields survive byte for byte")
  func newFieldsSurviveV1() throws {
    let original = Self.v2.serializedBytes()
    let relayed = try V1(serializedBytes: original).serializedBytes()
    // v1 writes fields 1, 2, 4, 5, then the unknown 6 to 9 in the order they came: the same bytes.
    #expect(relayed == original)
    #expect(try V2(serializedBytes: relayed) == Self.v2)
  }

  @Test("a v1 service edits a known field and keeps the unknown ones")
  func editInV1() throws {
    var inV1 = try V1(serializedBytes: Self.v2.serializedBytes())
    inV1.name = "Grace Hopper"
    inV1.tags.append("y")
    let back = try V2(serializedBytes: inV1.serializedBytes())
    var expected = Self.v2
    expected.displayName = "Grace Hopper"
    expected.tags = ["x", "y"]
    #expect(back == expected)
  }

  @Test("TIER_ENTERPRISE read by v1 is unrecognized(3) and is written as 3")
  func enterpriseInV1() throws {
    // tier (field 4) << 3 | 0 = 32: 20 03.
    let read = try V1(serializedBytes: [0x20, 0x03])
    #expect(read.tier == .unrecognized(3))
    #expect(read.tier.rawValue == 3)
    #expect(read.unknownFields.isEmpty)
    #expect(read.serializedBytes() == [0x20, 0x03])
    #expect(try V2(serializedBytes: read.serializedBytes()).tier == .enterprise)
  }

  @Test("a number neither version knows survives both")
  func unknownToBoth() throws {
    let v1 = V1(tier: .unrecognized(7))
    let v2 = try V2(serializedBytes: v1.serializedBytes())
    #expect(v2.tier == .unrecognized(7))
    #expect(try V1(serializedBytes: v2.serializedBytes()).tier == .unrecognized(7))
  }

  @Test("the same enum numbers mean the same cases in both versions")
  func enumNumbers() {
    #expect(V1.Tier.allCases.map(\.rawValue) == [0, 1, 2])
    #expect(V2.Tier.allCases.map(\.rawValue) == [0, 1, 2, 3])
    #expect(V2.Tier(rawValue: V1.Tier.pro.rawValue) == .pro)
  }

  @Test("300 seeded v2 profiles pass through v1 unchanged")
  func seeded() throws {
    let seed: UInt64 = 0x6576_6F6C
    var random = SeededGenerator(seed: seed)
    let words = ["", "a", "ünï", "日本", "long " + String(repeating: "x", count: 150)]
    for iteration in 0..<300 {
      func word() -> String { words.randomElement(using: &random)! }
      func count() -> Int { Int.random(in: 0...3, using: &random) }
      let profile = V2(
        id: word(), displayName: word(),
        tier: V2.Tier(rawValue: Int32.random(in: -1...5, using: &random)),
        tags: (0..<count()).map { _ in word() }, email: word(),
        scores: (0..<count()).map { _ in Int64(bitPattern: random.next()) },
        address: Bool.random(using: &random) ? V2.Address(city: word()) : nil,
        attributes: Dictionary(
          (0..<count()).map { _ in (word(), word()) }, uniquingKeysWith: { $1 }))
      let original = profile.serializedBytes()
      let relayed = try V1(serializedBytes: original).serializedBytes()
      #expect(relayed == original, "seed \(seed) iteration \(iteration)")
      #expect(try V2(serializedBytes: relayed) == profile, "seed \(seed) iteration \(iteration)")
    }
  }
}

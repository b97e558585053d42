@testable import ChatService
import Testing

/// The digest that stores credentials, against FIPS 180-4's published examples.
@Suite struct SHA256Tests {
  func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
  }

  @Test(
    "known digests, across one, two and many blocks",
    arguments: [
      ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
      (
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
      ),
      (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ])
  func knownDigests(input: String, digest: String) {
    #expect(hex(SHA256.hash(input.utf8)) == digest)
  }

  @Test func inputFedInPiecesOfAnySizeDigestsAsAWhole() {
    let input = Array((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    let whole = SHA256.hash(input)
    for piece in [1, 3, 63, 64, 65, 200] {
      var hasher = SHA256()
      var start = 0
      while start < input.count {
        hasher.update(input[start..<min(start + piece, input.count)])
        start += piece
      }
      #expect(hasher.finalize() == whole, "pieces of \(piece)")
    }
    // A sequence without contiguous storage takes the copying path.
    #expect(SHA256.hash(input.lazy.map { $0 }) == whole)
  }
}

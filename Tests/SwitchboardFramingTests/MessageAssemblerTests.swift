import SwitchboardFraming
import Testing

@Suite("Reassembling messages split over MESSAGE frames")
struct MessageAssemblerTests {
  private func piece(_ bytes: [UInt8], more: Bool) -> MessageFrame {
    MessageFrame(streamID: 1, payload: bytes[...], more: more)
  }

  @Test("a single-frame message comes out as it is")
  func single() {
    var assembler = MessageAssembler(maxMessageSize: 10)
    #expect(assembler.append(piece([1, 2], more: false)) == .message([1, 2]))
    #expect(assembler.append(piece([], more: false)) == .message([]))
    #expect(!assembler.hasPartialMessage)
  }

  @Test("pieces are joined in order")
  func joined() {
    var assembler = MessageAssembler(maxMessageSize: 10)
    #expect(assembler.append(piece([1], more: true)) == .incomplete)
    #expect(assembler.hasPartialMessage)
    #expect(assembler.append(piece([], more: true)) == .incomplete)
    #expect(assembler.append(piece([2, 3], more: false)) == .message([1, 2, 3]))
    #expect(!assembler.hasPartialMessage)
    #expect(assembler.append(piece([4], more: false)) == .message([4]))
  }

  @Test("a message growing past the limit is reported once, then the stream is discarded")
  func tooLarge() {
    var assembler = MessageAssembler(maxMessageSize: 4)
    #expect(assembler.append(piece([1, 2, 3], more: true)) == .incomplete)
    #expect(assembler.append(piece([4, 5], more: true)) == .tooLarge(byteCount: 5))
    #expect(assembler.append(piece([6], more: false)) == .discarded)
    #expect(assembler.append(piece([7], more: false)) == .discarded)
  }

  @Test("a single frame over the limit is too large")
  func singleTooLarge() {
    var assembler = MessageAssembler(maxMessageSize: 1)
    #expect(assembler.append(piece([1, 2], more: false)) == .tooLarge(byteCount: 2))
    var exact = MessageAssembler(maxMessageSize: 2)
    #expect(exact.append(piece([1, 2], more: false)) == .message([1, 2]))
  }
}

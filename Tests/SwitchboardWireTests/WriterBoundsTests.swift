import SwitchboardWire
import Testing

/// Protects the writer's promise that a size mismatch stops the process at the faulty write
/// instead of writing past the buffer.
@Suite("Writer bounds")
struct WriterBoundsTests {
  @Test("writing past the end of the buffer traps")
  func overrun() async {
    await #expect(processExitsWith: .failure) {
      var storage = [UInt8](repeating: 0, count: 3)
      storage.withUnsafeMutableBufferPointer { buffer in
        var writer = WireWriter(buffer)
        writer.writeFixed32(1)
      }
    }
  }

  @Test("a varint longer than the room left traps")
  func varintOverrun() async {
    await #expect(processExitsWith: .failure) {
      var storage = [UInt8](repeating: 0, count: 9)
      storage.withUnsafeMutableBufferPointer { buffer in
        var writer = WireWriter(buffer)
        writer.writeInt32(-1)
      }
    }
  }
}

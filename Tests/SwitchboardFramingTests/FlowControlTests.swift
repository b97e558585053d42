import SwitchboardFraming
import Testing

@Suite("Flow-control accounting")
struct FlowControlTests {
  @Test("consume, take and grant move the credit")
  func basics() throws {
    var window = FlowControlWindow(initialSize: 100)
    try window.consume(40)
    #expect(window.available == 60)
    #expect(window.take(upTo: 100) == 60)
    #expect(window.isExhausted)
    #expect(window.take(upTo: 5) == 0)
    try window.grant(10)
    #expect(window.take(upTo: 4) == 4 && window.available == 6)
    #expect(window.take(upTo: -3) == 0)
  }

  @Test("overrunning the credit is a flow-control violation and changes nothing")
  func overrun() throws {
    var window = FlowControlWindow(initialSize: 10)
    let error = try #require(throws: FramingError.self) { try window.consume(11) }
    #expect(error.code == .flowControlViolation && error.goAwayCode == .flowControlError)
    #expect(throws: FramingError.self) { try window.consume(-1) }
    #expect(window.available == 10)
  }

  @Test("a grant past 2^31-1 is a violation; reaching it exactly is fine")
  func overflow() throws {
    var window = FlowControlWindow(initialSize: FlowControlWindow.maxSize - 5)
    #expect(throws: FramingError.self) { try window.grant(6) }
    try window.grant(5)
    #expect(window.available == 0x7FFF_FFFF)
    #expect(throws: FramingError.self) { try window.grant(1) }
    var empty = FlowControlWindow(initialSize: 0)
    #expect(throws: FramingError.self) { try empty.grant(UInt32.max) }
  }

  @Test("a receive window returns credit in batches of half its size")
  func receiveWindowBatches() throws {
    var window = ReceiveWindow(initialSize: 1000)
    try window.receive(300)
    #expect(window.release(300) == nil)
    try window.receive(300)
    #expect(window.release(300) == 600)
    #expect(window.window.available == 1000)
    #expect(window.pendingGrant == 0)
    #expect(throws: FramingError.self) { try window.receive(1001) }
  }

  @Test("a receive window never grants past 2^31-1")
  func receiveWindowCap() throws {
    var window = ReceiveWindow(initialSize: FlowControlWindow.maxSize)
    try window.receive(10)
    #expect(window.release(FlowControlWindow.maxSize) == 10)
    #expect(window.window.available == FlowControlWindow.maxSize)
  }
}

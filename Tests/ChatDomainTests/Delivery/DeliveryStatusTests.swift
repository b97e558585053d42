import ChatDomain
import Testing

@Suite("Delivery statuses only move forward")
struct DeliveryStatusTests {
  static let failure = DeliveryStatus.failed(code: "131047", text: "Re-engagement message")
  static let withdrawn = DeliveryStatus.withdrawn(code: "superseded", text: "an agent took the chat")

  @Test(
    "each report against each status",
    arguments: [
      (DeliveryStatus.pending, DeliveryStatus.sent, DeliveryStatus.sent),
      (.pending, .read, .read),
      (.sent, .delivered, .delivered),
      (.sent, .read, .read),
      (.delivered, .read, .read),
      (.sent, .pending, .sent),
      (.delivered, .sent, .delivered),
      (.read, .delivered, .read),
      (.read, .sent, .read),
      (.read, .read, .read),
      (.pending, failure, failure),
      (.sent, failure, failure),
      (.delivered, failure, .delivered),
      (.read, failure, .read),
      (failure, .delivered, failure),
      (failure, .read, failure),
      (failure, .failed(code: "1", text: "other"), failure),
      (.pending, Self.withdrawn, Self.withdrawn),
      (.sent, Self.withdrawn, .sent),
      (.read, Self.withdrawn, .read),
      (failure, Self.withdrawn, failure),
      (Self.withdrawn, .sent, .sent),
      (Self.withdrawn, .read, .read),
      (Self.withdrawn, failure, failure),
      (Self.withdrawn, .pending, Self.withdrawn),
      (Self.withdrawn, .withdrawn(code: "expired", text: "later"), Self.withdrawn),
    ])
  func transitions(from: DeliveryStatus, report: DeliveryStatus, expected: DeliveryStatus) {
    var status = from
    let changed = status.apply(report)
    #expect(status == expected)
    #expect(changed == (from != expected))
  }

  @Test("a late delivered after read changes nothing")
  func lateDelivered() {
    var status = DeliveryStatus.sent
    let read = status.apply(.read)
    let lateDelivered = status.apply(.delivered)
    #expect(read && !lateDelivered)
    #expect(status == .read)
  }

  @Test("a failure keeps the provider's code and text")
  func failureDetail() {
    var status = DeliveryStatus.sent
    let changed = status.apply(Self.failure)
    #expect(changed)
    guard case .failed(let code, let text) = status else {
      Issue.record("expected failed")
      return
    }
    #expect(code == "131047" && text == "Re-engagement message")
    #expect(status.description == "failed (131047: Re-engagement message)")
  }
}

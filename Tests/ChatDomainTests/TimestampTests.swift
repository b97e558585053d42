import ChatDomain
import Testing

@Suite("Timestamps")
struct TimestampTests {
  @Test(
    "print as ISO 8601 in UTC with milliseconds",
    arguments: [
      (Int64(0), "1970-01-01T00:00:00.000Z"),
      (1_740_000_000_000, "2025-02-19T21:20:00.000Z"),
      (951_782_400_123, "2000-02-29T00:00:00.123Z"),
      (-1, "1969-12-31T23:59:59.999Z"),
      (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
  func description(milliseconds: Int64, text: String) {
    #expect(Timestamp(millisecondsSinceEpoch: milliseconds).description == text)
  }

  @Test("add and subtract durations, truncated to milliseconds")
  func arithmetic() {
    #expect((t0 + .hours(24)).millisecondsSinceEpoch == t0.millisecondsSinceEpoch + 86_400_000)
    #expect((t0 - .milliseconds(5)).millisecondsSinceEpoch == t0.millisecondsSinceEpoch - 5)
    #expect((t0 + .microseconds(1999)).millisecondsSinceEpoch == t0.millisecondsSinceEpoch + 1)
    #expect((t0 + .minutes(3)) - t0 == .minutes(3))
    #expect(t0 - (t0 + .seconds(2)) == .seconds(-2))
    #expect(t0 < t0 + .milliseconds(1))
    #expect(t0.advanced(by: .seconds(1)) == t0 + .seconds(1))
    #expect(t0.duration(to: t0 + .seconds(1)) == .seconds(1))
  }

  @Test("an absurd duration saturates instead of trapping")
  func saturation() {
    let far = t0 + .seconds(Int64.max)
    #expect(far.millisecondsSinceEpoch == .max)
  }
}

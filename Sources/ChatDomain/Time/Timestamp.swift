/// A moment in time: milliseconds since the Unix epoch, UTC.
///
/// Every rule takes the current time as a parameter (`at now: Timestamp`), so the service passes
/// its clock's reading and tests pass whatever moment they need. Arithmetic with `Duration`
/// truncates to whole milliseconds.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Milliseconds since 1970-01-01T00:00:00Z.
  public var millisecondsSinceEpoch: Int64

  /// Creates the moment `millisecondsSinceEpoch` milliseconds after the Unix epoch.
  public init(millisecondsSinceEpoch: Int64) {
    self.millisecondsSinceEpoch = millisecondsSinceEpoch
  }

  /// The Unix epoch, 1970-01-01T00:00:00Z.
  public static let epoch = Timestamp(millisecondsSinceEpoch: 0)

  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
  }

  /// The moment `duration` after `timestamp` (clamped at the end of `Int64`, never a trap).
  public static func + (timestamp: Timestamp, duration: Duration) -> Timestamp {
    Timestamp(
      millisecondsSinceEpoch: timestamp.millisecondsSinceEpoch.adding(duration.milliseconds))
  }

  /// The moment `duration` before `timestamp` (clamped at the end of `Int64`, never a trap).
  public static func - (timestamp: Timestamp, duration: Duration) -> Timestamp {
    Timestamp(
      millisecondsSinceEpoch: timestamp.millisecondsSinceEpoch.subtracting(duration.milliseconds))
  }

  /// How long after `rhs` `lhs` is (negative when it is before).
  public static func - (lhs: Timestamp, rhs: Timestamp) -> Duration {
    .milliseconds(lhs.millisecondsSinceEpoch.subtracting(rhs.millisecondsSinceEpoch))
  }

  /// ISO 8601 in UTC with milliseconds, such as `2025-03-01T09:30:00.000Z`.
  public var description: String {
    let (days, dayMilliseconds) = millisecondsSinceEpoch.floorDividedBy(86_400_000)
    let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
    let hour = dayMilliseconds / 3_600_000
    let minute = dayMilliseconds / 60_000 % 60
    let second = dayMilliseconds / 1000 % 60
    let millisecond = dayMilliseconds % 1000
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2))"
      + ":\(pad(second, 2)).\(pad(millisecond, 3))Z"
  }

  /// Howard Hinnant's `civil_from_days`: the proleptic Gregorian date of a day number.
  private static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
    let z = daysSinceEpoch + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}

extension Timestamp: InstantProtocol {
  /// The moment `duration` later.
  public func advanced(by duration: Duration) -> Timestamp { self + duration }

  /// The duration from this moment to `other`.
  public func duration(to other: Timestamp) -> Duration { other - self }
}

extension Duration {
  /// The duration in whole milliseconds, truncated towards zero and clamped to `Int64`.
  var milliseconds: Int64 {
    let (seconds, attoseconds) = components
    let (product, overflow) = seconds.multipliedReportingOverflow(by: 1000)
    guard !overflow else { return seconds < 0 ? .min : .max }
    let (sum, sumOverflow) = product.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
    return sumOverflow ? (product < 0 ? .min : .max) : sum
  }

  /// `1 h 30 min`, `24 h`, `48 h`, `45 s`, `250 ms`: how error messages show a duration.
  var spoken: String {
    let total = milliseconds
    guard total != 0 else { return "0 s" }
    let sign = total < 0 ? "-" : ""
    var remaining = total == .min ? .max : abs(total)
    var parts: [String] = []
    for (unit, size) in [("h", Int64(3_600_000)), ("min", 60_000), ("s", 1000)]
    where remaining >= size {
      parts.append("\(remaining / size) \(unit)")
      remaining %= size
    }
    if remaining > 0 { parts.append("\(remaining) ms") }
    return sign + parts.joined(separator: " ")
  }
}

extension Int64 {
  /// `self + other`, clamped to `Int64`.
  fileprivate func adding(_ other: Int64) -> Int64 {
    let (sum, overflow) = addingReportingOverflow(other)
    return overflow ? (other > 0 ? .max : .min) : sum
  }

  /// `self - other`, clamped to `Int64`.
  fileprivate func subtracting(_ other: Int64) -> Int64 {
    let (difference, overflow) = subtractingReportingOverflow(other)
    return overflow ? (other < 0 ? .max : .min) : difference
  }

  /// Quotient and remainder rounding towards negative infinity, so the remainder is never
  /// negative.
  fileprivate func floorDividedBy(_ divisor: Int64) -> (Int64, Int64) {
    let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
    return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
  }
}

private func pad(_ value: Int64, _ width: Int) -> String {
  let digits = String(value)
  return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

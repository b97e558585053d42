#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nanoseconds on the monotonic clock.
@inline(__always)
func monotonicNanos() -> UInt64 {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// CPU time this process has used so far, user and system, in nanoseconds.
func processCPUNanos() -> UInt64 {
  var now = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
  return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// Keeps the optimizer from discarding the measured work.
@inline(never)
func blackHole(_ value: Int) {
  if value == 0x5EED_5EED { print("") }
}

/// One decimal place, no exponent, as the peers print.
func oneDecimal(_ value: Double) -> String {
  let tenths = Int64((value * 10).rounded())
  return "\(tenths / 10).\(tenths % 10)"
}

/// The nearest-rank `p`th percentile of sorted nanosecond latencies, in microseconds with one
/// decimal, as the peers print it.
func percentileMicroseconds(_ sorted: [UInt64], _ p: Double) -> String {
  guard !sorted.isEmpty else { return "0.0" }
  let rank = max(Int((p / 100 * Double(sorted.count)).rounded(.up)), 1)
  return oneDecimal(Double(sorted[rank - 1]) / 1000)
}

/// Writes to standard error without touching the global (non-Sendable) `stderr`.
func printError(_ text: String) {
  var text = text
  text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

/// Whether this binary was built without optimization, whose figures would mean nothing.
#if DEBUG
let isDebugBuild = true
#else
let isDebugBuild = false
#endif

/// A WhatsApp message id shaped like Meta's (`wamid.` then base64 of the sender's number and
/// a random part), so the idempotency index sees what production gives it: each user's ids
/// together, and a new id at a random place among them. Sequential ids would all land on the
/// index's last page and hide the cost of a large history. `unique` makes it distinct.
func whatsAppMessageID(user waUserID: String, unique: UInt64) -> String {
  // SplitMix64's finaliser: consecutive numbers give unrelated-looking bits.
  var bits = unique &+ 0x9E37_79B9_7F4A_7C15
  bits = (bits ^ (bits >> 30)) &* 0xBF58_476D_1CE4_E5B9
  bits = (bits ^ (bits >> 27)) &* 0x94D0_49BB_1331_11EB
  bits ^= bits >> 31
  let random = String(bits, radix: 16, uppercase: true)
  let padding = String(repeating: "0", count: 16 - random.count)
  return "wamid.HBgN\(waUserID)FQIAEhgg\(padding)\(random)\(String(unique, radix: 16, uppercase: true))AA=="
}

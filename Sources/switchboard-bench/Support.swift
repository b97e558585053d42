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

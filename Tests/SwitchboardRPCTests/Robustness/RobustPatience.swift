/// How long a test waits for what should happen: a reply, a close, a handler starting.
///
/// Generous on purpose. Waits that end when the event comes cost nothing, while `swift test`
/// runs CPU-bound suites of other targets meanwhile, which can hold the two threads of the
/// cooperative pool for seconds; a tight wait would then fail a correct runtime. Timing
/// bounds that matter are measured off the pool (``RobustRawConnection/closedAt``) or made
/// longer than this (handler delays, grace periods a test must not wait out).
let robustPatience: Duration = .seconds(30)

/// A handler delay, in milliseconds, that no test waits out: longer than ``robustPatience``,
/// so a call that should have been cut short cannot pass by ending normally.
let robustStuckMilliseconds: Int32 = 120_000

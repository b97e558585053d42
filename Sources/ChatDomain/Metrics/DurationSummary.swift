/// Count, mean, median and maximum of some durations.
public struct DurationSummary: Hashable, Sendable {
  /// How many durations there were.
  public var count: Int
  /// Their mean, `nil` when there were none.
  public var mean: Duration?
  /// Their median (the mean of the middle two for an even count), `nil` when there were none.
  public var median: Duration?
  /// The longest, `nil` when there were none.
  public var max: Duration?

  /// Summarises `durations`.
  public init(_ durations: some Sequence<Duration>) {
    let sorted = durations.map(\.milliseconds).sorted()
    count = sorted.count
    guard !sorted.isEmpty else { return }
    let total = sorted.reduce(0.0) { $0 + Double($1) }
    mean = .milliseconds(Int64((total / Double(sorted.count)).rounded()))
    let (low, high) = (sorted[(sorted.count - 1) / 2], sorted[sorted.count / 2])
    median = .milliseconds(low + (high - low) / 2)
    max = .milliseconds(sorted[sorted.count - 1])
  }
}

/// The numbers and names a message or enum reserves, checked for range, emptiness, overlap
/// and identifier syntax.
struct ReservedSet {
  /// The valid ranges, in declaration order.
  var ranges: [ClosedRange<Int32>] = []
  /// The valid names, in declaration order.
  var names: [String] = []
  /// Where each name was reserved (first occurrence).
  var nameLocations: [String: SourceLocation] = [:]
  /// Problems with the statements.
  var diagnostics: [Diagnostic] = []

  /// Checks `statements`, accepting numbers in `bounds` (described as `what`, for example
  /// "field numbers must be between 1 and 536870911").
  init(_ statements: [ReservedSyntax], bounds: ClosedRange<Int64>, boundsDescription: String) {
    for statement in statements {
      switch statement {
      case .ranges(let ranges):
        for range in ranges { add(range, bounds: bounds, boundsDescription: boundsDescription) }
      case .names(let names):
        for name in names { add(name) }
      }
    }
  }

  /// Whether `number` is reserved.
  func contains(_ number: Int64) -> Bool {
    ranges.contains { Int64($0.lowerBound) <= number && number <= Int64($0.upperBound) }
  }

  /// Whether `name` is reserved.
  func contains(_ name: String) -> Bool {
    nameLocations[name] != nil
  }

  private mutating func add(
    _ range: ReservedRangeSyntax,
    bounds: ClosedRange<Int64>,
    boundsDescription: String
  ) {
    let shown = Self.describe(range.lower, range.upper)
    guard range.lower <= range.upper else {
      report("reserved \(shown) is empty: its end is smaller than its start", range.location)
      return
    }
    guard bounds.contains(range.lower), bounds.contains(range.upper),
      let lower = Int32(exactly: range.lower), let upper = Int32(exactly: range.upper)
    else {
      report("reserved \(shown) is out of range: \(boundsDescription)", range.location)
      return
    }
    if let other = ranges.first(where: { $0.overlaps(lower...upper) }) {
      let otherShown = Self.describe(Int64(other.lowerBound), Int64(other.upperBound))
      report("reserved \(shown) overlaps the reserved \(otherShown)", range.location)
      return
    }
    ranges.append(lower...upper)
  }

  private mutating func add(_ name: ReservedNameSyntax) {
    guard ASCII.isIdentifier(name.name) else {
      report("reserved name \"\(name.name)\" is not a valid identifier", name.location)
      return
    }
    guard nameLocations[name.name] == nil else { return }
    names.append(name.name)
    nameLocations[name.name] = name.location
  }

  private mutating func report(_ message: String, _ location: SourceLocation) {
    diagnostics.append(Diagnostic(.error, message, at: location))
  }

  /// `5` or `9 to 11`.
  static func describe(_ lower: Int64, _ upper: Int64) -> String {
    lower == upper ? "number \(lower)" : "range \(lower) to \(upper)"
  }
}

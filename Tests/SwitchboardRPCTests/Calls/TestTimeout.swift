/// Something a test awaited did not happen in time.
struct TestTimeout: Error, CustomStringConvertible {
  /// What was awaited.
  var what: String
  /// How long the test waited.
  var after: Duration

  var description: String { "\(what) did not happen within \(after)" }
}

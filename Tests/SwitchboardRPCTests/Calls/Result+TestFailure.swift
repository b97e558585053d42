extension Result {
  /// The error, or nil for a success: what a test inspects of a call task's outcome.
  var testFailure: Failure? {
    if case .failure(let error) = self { error } else { nil }
  }
}

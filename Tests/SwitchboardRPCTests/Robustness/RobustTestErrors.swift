import Glibc

/// A socket call failed.
struct RobustSocketError: Error, CustomStringConvertible {
  var description: String

  init(_ call: String, _ code: Int32) {
    description = "\(call): \(String(cString: strerror(code)))"
  }
}

/// The peer did not answer in time.
struct RobustTimeout: Error, CustomStringConvertible {
  var description: String

  init(_ what: String) {
    description = "timed out \(what)"
  }
}

/// The peer sent something other than the protocol allows at that point.
struct RobustProtocolViolation: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) {
    self.description = description
  }
}

/// A set of methods a server serves: what a generated `XService` protocol conforms to.
///
/// Generated protocols implement ``registerMethods(with:)``; implement the protocol's
/// methods and pass the value to ``RPCServer``.
public protocol RPCService: Sendable {
  /// Adds this service's methods to `router`.
  func registerMethods(with router: inout RPCRouter)
}

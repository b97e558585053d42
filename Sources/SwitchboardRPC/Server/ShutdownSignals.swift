internal import Dispatch
internal import Glibc

/// Turns SIGINT and SIGTERM into calls of `handler`, as a server executable should: hold one
/// while serving and let the handler begin a graceful shutdown.
///
/// ```swift
/// let signals = ShutdownSignals { server.beginGracefulShutdown() }
/// try await server.serve()
/// withExtendedLifetime(signals) {}
/// ```
///
/// The signals' default action (ending the process at once) is replaced for as long as the
/// process runs; a second signal calls the handler again, which a graceful shutdown ignores.
public final class ShutdownSignals {
  private let sources: [any DispatchSourceSignal]

  /// Starts listening for SIGINT and SIGTERM.
  public init(_ handler: @escaping @Sendable () -> Void) {
    sources = [SIGINT, SIGTERM].map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler(handler: handler)
      source.resume()
      return source
    }
  }

  deinit {
    for source in sources { source.cancel() }
  }
}

import SwitchboardRPC

#if canImport(Glibc)
import Glibc
#endif

/// `rpc load --host H --port P --connections C --concurrency N --duration S --payload B`:
/// the peers' closed-loop load through the generated client. C clients of one connection
/// each; N tasks per client loop on `send`, running on the client's event loop so a call
/// costs no thread hop. One second of warm-up, then S seconds measured; one JSON line out.
enum RPCLoadCommand {
  struct Options {
    var host = "127.0.0.1"
    var port = 0
    var connections = 1
    var concurrency = 1
    var duration = 5
    var payload = 100
  }

  static func parse(_ arguments: [String]) -> Options? {
    var options = Options()
    var rest = arguments[...]
    while let flag = rest.popFirst() {
      guard let value = rest.popFirst() else { return nil }
      switch flag {
      case "--host": options.host = value
      case "--port": guard let v = Int(value) else { return nil }; options.port = v
      case "--connections": guard let v = Int(value), v > 0 else { return nil }; options.connections = v
      case "--concurrency": guard let v = Int(value), v > 0 else { return nil }; options.concurrency = v
      case "--duration": guard let v = Int(value), v > 0 else { return nil }; options.duration = v
      case "--payload": guard let v = Int(value), v >= 0 else { return nil }; options.payload = v
      default: return nil
      }
    }
    return options
  }

  /// What one caller task measured.
  struct Tally: Sendable {
    var latencies: [UInt64] = []
    var errors = 0
  }

  static func main(_ arguments: [String]) async -> Int32 {
    guard let options = parse(arguments) else {
      printError("usage: switchboard-bench rpc load --host H --port P --connections C --concurrency N --duration S --payload B\n")
      return 2
    }
    let clients = (0..<options.connections).map { _ in
      RPCClient(host: options.host, port: options.port)
    }
    let request = SendRequest(payload: [UInt8](repeating: 0x61, count: options.payload))
    let start = monotonicNanos()
    let measureFrom = start + 1_000_000_000
    let measureTo = measureFrom + UInt64(options.duration) * 1_000_000_000
    let tallies = await withTaskGroup(of: Tally.self) { group in
      for client in clients {
        let bench = BenchClient(wrapping: client)
        for _ in 0..<options.concurrency {
          group.addTask(executorPreference: client.executor) {
            await callLoop(bench, request, measureFrom: measureFrom, measureTo: measureTo)
          }
        }
      }
      var all: [Tally] = []
      for await tally in group { all.append(tally) }
      return all
    }
    for client in clients { client.close() }
    var latencies = tallies.flatMap(\.latencies)
    latencies.sort()
    let errors = tallies.reduce(0) { $0 + $1.errors }
    let seconds = Double(options.duration)
    print(
      "{\"peer\":\"switchboard\",\"connections\":\(options.connections),\"concurrency\":\(options.concurrency),\"payload\":\(options.payload),\"calls\":\(latencies.count),\"seconds\":\(oneDecimal(seconds)),\"calls_per_s\":\(oneDecimal(Double(latencies.count) / seconds)),\"p50_us\":\(percentileMicroseconds(latencies, 50)),\"p90_us\":\(percentileMicroseconds(latencies, 90)),\"p99_us\":\(percentileMicroseconds(latencies, 99)),\"p999_us\":\(percentileMicroseconds(latencies, 99.9)),\"errors\":\(errors)}"
    )
    return 0
  }

  private static func callLoop(
    _ bench: BenchClient, _ request: SendRequest, measureFrom: UInt64, measureTo: UInt64
  ) async -> Tally {
    var tally = Tally()
    tally.latencies.reserveCapacity(1 << 16)
    while true {
      let issued = monotonicNanos()
      if issued >= measureTo { return tally }
      do {
        _ = try await bench.send(request)
        let done = monotonicNanos()
        if issued >= measureFrom, done <= measureTo { tally.latencies.append(done - issued) }
      } catch {
        if issued >= measureFrom { tally.errors += 1 }
      }
    }
  }
}

import SwitchboardRPC

#if canImport(Glibc)
import Glibc
#endif

/// `rpc idle --host H --port P --connections C --server-pid PID`: what an idle connection
/// costs the server. Reads the server's resident memory, opens C connections (one call each,
/// so the handshake is done), lets them sit, reads it again and prints
/// `{"peer":"switchboard","idle_connections":C,"rss_before_kib":...,"rss_after_kib":...,"bytes_per_connection":...}`.
enum RPCIdleCommand {
  static func main(_ arguments: [String]) async -> Int32 {
    var host = "127.0.0.1"
    var port = 0
    var connections = 10_000
    var pid = 0
    var rest = arguments[...]
    while let flag = rest.popFirst(), let value = rest.popFirst() {
      switch flag {
      case "--host": host = value
      case "--port": port = Int(value) ?? 0
      case "--connections": connections = Int(value) ?? 0
      case "--server-pid": pid = Int(value) ?? 0
      default: port = 0
      }
    }
    guard port > 0, connections > 0, pid > 0, let before = residentKiB(pid: pid) else {
      printError("usage: switchboard-bench rpc idle --host H --port P --connections C --server-pid PID\n")
      return 2
    }
    let clients = (0..<connections).map { _ in RPCClient(host: host, port: port) }
    var failures = 0
    // Connect in batches so the listen backlog never overflows.
    for batch in stride(from: 0, to: connections, by: 500) {
      failures += await withTaskGroup(of: Int.self) { group in
        for client in clients[batch..<min(batch + 500, connections)] {
          group.addTask {
            do {
              _ = try await BenchClient(wrapping: client).send(SendRequest())
              return 0
            } catch {
              return 1
            }
          }
        }
        return await group.reduce(0, +)
      }
    }
    try? await Task.sleep(for: .seconds(2))
    guard let after = residentKiB(pid: pid) else { return 1 }
    let perConnection = Double(after - before) * 1024 / Double(connections)
    print(
      "{\"peer\":\"switchboard\",\"idle_connections\":\(connections),\"failed\":\(failures),\"rss_before_kib\":\(before),\"rss_after_kib\":\(after),\"bytes_per_connection\":\(oneDecimal(perConnection))}"
    )
    for client in clients { client.close() }
    return 0
  }

  /// VmRSS of process `pid`, from /proc.
  static func residentKiB(pid: Int) -> Int? {
    guard let file = fopen("/proc/\(pid)/status", "r") else { return nil }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
      let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if text.hasPrefix("VmRSS:") {
        return Int(text.dropFirst(6).filter(\.isNumber))
      }
    }
    return nil
  }
}

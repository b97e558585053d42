import Glibc

/// A listening socket on loopback for a scripted server: the test accepts the real client's
/// connection and answers it frame by frame through ``RobustRawConnection``.
final class RobustRawListener {
  let fd: Int32
  /// The port the system picked.
  let port: Int
  private var isClosed = false

  /// Listens on `127.0.0.1`, on `port` or (0) any free port.
  init(port: Int = 0) throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw RobustSocketError("socket", errno) }
    var one: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var address = robustLoopbackAddress(port: port)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(fd, 16) == 0 else {
      let code = errno
      Glibc.close(fd)
      throw RobustSocketError("bind and listen", code)
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    self.fd = fd
    self.port = Int(UInt16(bigEndian: address.sin_port))
  }

  deinit { close() }

  func close() {
    guard !isClosed else { return }
    isClosed = true
    Glibc.close(fd)
  }

  /// Accepts the next connection.
  ///
  /// - Throws: ``RobustTimeout`` when nobody connects within `timeout`.
  func accept(timeout: Duration = robustPatience) async throws -> RobustRawConnection {
    let fd = fd
    let milliseconds = Int32(clamping: timeout.robustMilliseconds)
    let accepted = await robustRunBlocking { () -> Int32 in
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, milliseconds) == 1 else { return -1 }
      return Glibc.accept(fd, nil, nil)
    }
    guard accepted >= 0 else { throw RobustTimeout("for a connection on port \(port)") }
    return RobustRawConnection(fd: accepted)
  }
}

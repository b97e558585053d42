internal import CSwitchboardSystem
internal import Glibc

/// The few socket calls the transport makes, with errors turned into `RPCError`s that name
/// the address and the system's reason.
enum Socket {
  /// An IPv4 or IPv6 address and port.
  struct Address: CustomStringConvertible {
    var storage = sockaddr_storage()
    var length: socklen_t = 0

    /// Parses a numeric host (`127.0.0.1`, `::1`) or resolves a name (`localhost`).
    init(host: String, port: Int) throws(RPCError) {
      guard (0...65535).contains(port) else {
        throw RPCError(code: .invalidArgument, message: "port \(port) is not in 0...65535")
      }
      let name = host == "localhost" ? "127.0.0.1" : host
      var v4 = sockaddr_in()
      var v6 = sockaddr_in6()
      if inet_pton(AF_INET, name, &v4.sin_addr) == 1 {
        v4.sin_family = sa_family_t(AF_INET)
        v4.sin_port = in_port_t(UInt16(port).bigEndian)
        withUnsafeBytes(of: v4) { bytes in
          withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: bytes) }
        }
        length = socklen_t(MemoryLayout<sockaddr_in>.size)
      } else if inet_pton(AF_INET6, name, &v6.sin6_addr) == 1 {
        v6.sin6_family = sa_family_t(AF_INET6)
        v6.sin6_port = in_port_t(UInt16(port).bigEndian)
        withUnsafeBytes(of: v6) { bytes in
          withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: bytes) }
        }
        length = socklen_t(MemoryLayout<sockaddr_in6>.size)
      } else {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, String(port), &hints, &result)
        guard status == 0, let first = result, let address = first.pointee.ai_addr else {
          throw RPCError(code: .unavailable, message: "cannot resolve host \"\(host)\"")
        }
        defer { freeaddrinfo(result) }
        withUnsafeMutableBytes(of: &storage) {
          $0.copyMemory(
            from: UnsafeRawBufferPointer(start: address, count: Int(first.pointee.ai_addrlen)))
        }
        length = first.pointee.ai_addrlen
      }
    }

    init(storage: sockaddr_storage, length: socklen_t) {
      self.storage = storage
      self.length = length
    }

    var family: Int32 { Int32(storage.ss_family) }

    /// `host:port`, with IPv6 hosts in brackets.
    var description: String {
      var copy = storage
      return withUnsafePointer(to: &copy) { pointer in
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch family {
        case AF_INET:
          return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
            var address = v4.pointee.sin_addr
            inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
            return "\(Self.text(text)):\(UInt16(bigEndian: v4.pointee.sin_port))"
          }
        case AF_INET6:
          return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
            var address = v6.pointee.sin6_addr
            inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
            return "[\(Self.text(text))]:\(UInt16(bigEndian: v6.pointee.sin6_port))"
          }
        default:
          return "in-process"
        }
      }
    }

    private static func text(_ characters: [CChar]) -> String {
      let bytes = characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
      return String(decoding: bytes, as: UTF8.self)
    }

    var port: Int {
      switch family {
      case AF_INET, AF_INET6:
        // sin_port and sin6_port sit at the same offset, right after the family.
        return withUnsafeBytes(of: storage) { Int(UInt16($0[2]) << 8 | UInt16($0[3])) }
      default: return 0
      }
    }
  }

  /// The system's text for `code`.
  static func reason(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(validatingCString: text) ?? "error \(code)"
  }

  /// A non-blocking socket listening on `address`.
  static func listen(on address: Address) throws(RPCError) -> Int32 {
    let fd = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else {
      throw RPCError(code: .unavailable, message: "cannot create a socket: \(reason(errno))")
    }
    var one: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var storage = address.storage
    let bound = withUnsafePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, address.length) }
    }
    guard bound == 0, Glibc.listen(fd, 4096) == 0 else {
      let code = errno
      close(fd)
      throw RPCError(code: .unavailable, message: "cannot listen on \(address): \(reason(code))")
    }
    return fd
  }

  /// The local address of `fd`.
  static func localAddress(_ fd: Int32) -> Address {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    _ = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Address(storage: storage, length: length)
  }

  /// Accepts one pending connection, non-blocking, with Nagle's delay off; nil when none waits.
  static func accept(_ listener: Int32) -> (fd: Int32, peer: Address)? {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let fd = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        sb_accept(listener, $0, &length)
      }
    }
    guard fd >= 0 else { return nil }
    setNoDelay(fd)
    return (fd, Address(storage: storage, length: length))
  }

  /// Starts connecting to `address`; the socket becomes writable when it is done.
  static func connect(to address: Address) throws(RPCError) -> Int32 {
    let fd = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else {
      throw RPCError(code: .unavailable, message: "cannot create a socket: \(reason(errno))")
    }
    setNoDelay(fd)
    var storage = address.storage
    let result = withUnsafePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, address.length) }
    }
    guard result == 0 || errno == EINPROGRESS else {
      let code = errno
      close(fd)
      throw RPCError(code: .unavailable, message: "cannot connect to \(address): \(reason(code))")
    }
    return fd
  }

  /// The outcome of a non-blocking connect: 0 or the errno it failed with.
  static func pendingError(_ fd: Int32) -> Int32 {
    var code: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
    return code
  }

  /// Two connected non-blocking sockets in memory: the in-process transport.
  static func pair() throws(RPCError) -> (Int32, Int32) {
    var fds: [Int32] = [0, 0]
    guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0, &fds) == 0 else {
      throw RPCError(code: .unavailable, message: "cannot create an in-process connection: \(reason(errno))")
    }
    return (fds[0], fds[1])
  }

  private static func setNoDelay(_ fd: Int32) {
    var one: Int32 = 1
    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
  }
}

import SwitchboardChatClient

/// Where a page ends, as the opaque `next_page_token` callers pass back: the sort key and id
/// of the last item, so the next page is a range query on an index (`(key, id) < (k, i)`),
/// never an OFFSET that rescans everything before it.
struct PageCursor: Equatable, Sendable {
  /// The sort key of the last item (a time, or a name's position).
  var key: Int64
  /// The id of the last item, breaking ties.
  var id: Int64

  /// Version byte of the token format, so a later format can tell old tokens apart.
  private static let version: UInt8 = 1

  /// The token text: hex of version, key and id.
  var token: String {
    var bytes: [UInt8] = [Self.version]
    for value in [key, id] {
      for shift in stride(from: 56, through: 0, by: -8) {
        bytes.append(UInt8(truncatingIfNeeded: UInt64(bitPattern: value) >> UInt64(shift)))
      }
    }
    return Hex.encode(bytes)
  }

  /// Reads a token; nil for the empty token (the first page).
  ///
  /// - Throws: `ServiceError.invalidArgument` for a token this server did not make.
  init?(token: String) throws(ServiceError) {
    if token.isEmpty { return nil }
    guard let bytes = Hex.decode(token), bytes.count == 17 else {
      throw .invalidArgument("page_token \"\(token)\" is not a token this server returned")
    }
    guard bytes[0] == Self.version else { throw .invalidArgument("page_token \"\(token)\" is from another version of the server; start from the first page") }
    func int(_ start: Int) -> Int64 {
      Int64(bitPattern: bytes[start..<start + 8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }
    key = int(1)
    id = int(9)
  }

  /// A cursor after the item with `key` and `id`.
  init(key: Int64, id: Int64) {
    self.key = key
    self.id = id
  }
}

/// A page size from a request: 50 when unset, at most 500.
func pageSize(_ requested: Int32) throws(ServiceError) -> Int {
  guard requested >= 0 else { throw .invalidArgument("page_size must not be negative; got \(requested)") }
  return requested == 0 ? 50 : min(Int(requested), 500)
}

/// A request's page, parsed: how many items at most, and where the previous page ended.
enum Page {
  static func parse(_ request: PageRequest?) throws(ServiceError) -> (limit: Int, cursor: PageCursor?) {
    let request = request ?? PageRequest()
    return (try pageSize(request.pageSize), try PageCursor(token: request.pageToken))
  }
}

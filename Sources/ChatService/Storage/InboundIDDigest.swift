import SwitchboardSQLite

/// How the idempotency table keys WhatsApp's message ids: the first 16 bytes of their SHA-256.
///
/// A WhatsApp id is about 60 characters and lands at a random place in any index of them, so
/// every message reads a leaf of the index, and with millions stored those leaves did not fit
/// in the writer's cache: nine in ten of the writer's file reads at ten million messages. Keyed
/// by the digest, the table is a third the size and stays in the cache. Two ids share a digest
/// with a probability of about n²/2¹²⁹ for n ids (10⁻¹⁵ for a trillion); a lookup compares the
/// stored id anyway, so a collision is refused with an error rather than taken for a retry.
public enum InboundIDDigest {
  /// The key of `waMessageID`.
  public static func of(_ waMessageID: String) -> [UInt8] {
    of(Array(waMessageID.utf8))
  }

  /// The key of an id given as its UTF-8 bytes, as SQLite hands a text to a function.
  static func of(_ bytes: [UInt8]) -> [UInt8] {
    Array(SHA256.hash(bytes).prefix(16))
  }

  /// The SQL function `inbound_id_digest(id)`, for the migration that fills the table.
  static func define(on db: SQLiteConnection) throws {
    try db.defineFunction("inbound_id_digest") { of($0) }
  }
}

/// A WhatsApp message id and its key in `inbound_ids`, hashed once where the id arrives, on
/// the caller's thread: the writer, which runs every commit alone, only binds the bytes.
struct InboundID: Sendable, Hashable {
  /// The id as WhatsApp sent it.
  let text: String
  /// Its ``InboundIDDigest``.
  let digest: [UInt8]

  init(_ text: String) {
    self.text = text
    digest = InboundIDDigest.of(text)
  }
}

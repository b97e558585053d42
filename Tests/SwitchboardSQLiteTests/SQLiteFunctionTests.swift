import SwitchboardSQLite
import Testing

/// A function defined in Swift is callable from SQL on its connection, as a migration that
/// fills a column SQL cannot compute uses it.
@Suite(.timeLimit(.minutes(1)))
struct SQLiteFunctionTests {
  @Test func aSwiftFunctionComputesFromTextAndBlobsAndKeepsNull() throws {
    let db = try SQLiteConnection(path: ":memory:")
    try db.defineFunction("reversed_bytes") { Array($0.reversed()) }
    #expect(try db.fetchOne("SELECT reversed_bytes('abc')") { try $0.bytes(0) } == Array("cba".utf8))
    #expect(try db.fetchOne("SELECT reversed_bytes(x'010203')") { try $0.bytes(0) } == [3, 2, 1])
    #expect(try db.fetchOne("SELECT typeof(reversed_bytes('')), length(reversed_bytes(''))") {
      "\(try $0.string(0)) \(try $0.int(1))"
    } == "blob 0")
    #expect(try db.fetchOne("SELECT reversed_bytes(NULL) IS NULL") { try $0.int(0) } == 1)
  }

  @Test func anInsertSelectSortsByWhatTheFunctionComputed() throws {
    let db = try SQLiteConnection(path: ":memory:")
    try db.defineFunction("reversed_bytes") { Array($0.reversed()) }
    try db.execute(
      """
      CREATE TABLE words (word TEXT);
      INSERT INTO words VALUES ('ab'), ('ba'), ('ca');
      CREATE TABLE keyed (key BLOB PRIMARY KEY, word TEXT) WITHOUT ROWID;
      INSERT INTO keyed SELECT reversed_bytes(word), word FROM words ORDER BY 1
      """)
    #expect(try db.fetchAll("SELECT word FROM keyed") { try $0.string(0) } == ["ba", "ca", "ab"])
  }

  @Test func redefiningAFunctionReplacesIt() throws {
    let db = try SQLiteConnection(path: ":memory:")
    try db.defineFunction("answer") { _ in [1] }
    try db.defineFunction("answer") { _ in [2] }
    #expect(try db.fetchOne("SELECT answer(0)") { try $0.bytes(0) } == [2])
  }
}

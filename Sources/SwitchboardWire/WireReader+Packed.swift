// One entry point per packed scalar type keeps generated decoders to a single readable line
// per field, with no closures in generated code.
extension WireReader {
  /// Reads packed `int32` values.
  @inlinable
  public mutating func readPackedInt32(into values: inout [Int32]) throws(WireDecodingError) {
    try readPacked(into: &values) { (reader: inout WireReader) throws(WireDecodingError) in try reader.readInt32() }
  }

  /// Reads packed `int64` values.
  @inlinable
  public mutating func readPackedInt64(into values: inout [Int64]) throws(WireDecodingError) {
    try readPacked(into: &values) { (reader: inout WireReader) throws(WireDecodingError) in try reader.readInt64() }
  }

  /// Reads packed `uint32` values.
  @inlinable
  public mutating func readPackedUInt32(into values: inout [UInt32]) throws(WireDecodingError) {
    try readPacked(into: &values) { (reader: inout WireReader) throws(WireDecodingError) in try reader.readUInt32() }
  }

  /// Reads packed `uint64` values.
  @inlinable
  public mutating func readPackedUInt64(into values: inout [UInt64]) throws(WireDecodingError) {
    try readPacked(into: &values) { (reader: inout WireReader) throws(WireDecodingError) in try reader.readUInt64() }
  }

  /// Reads packed `sint32` values.
  @inlinable
  public mutating func readPackedSInt32(into values: inout [Int32]) throws(WireDecodingError) {
    try readPacked(into: &values) { (reader: inout WireReader) throws(WireDecodingError) in try reader.readSInt32() }
  }

  /// Reads packed `sint64` values.
  @inlinable
  public mutating func readPackedSInt64(into values: inout [Int64]) throws(WireDecodingError) {
    try readPacked(into: &values) { (reader: inout WireReader) throws(WireDecodingError) in try reader.readSInt64() }
  }

  /// Reads packed `bool` values.
  @inlinable
  public mutating func readPackedBool(into values: inout [Bool]) throws(WireDecodingError) {
    try readPacked(into: &values) { (reader: inout WireReader) throws(WireDecodingError) in try reader.readBool() }
  }

  /// Reads packed enum values.
  @inlinable
  public mutating func readPackedEnum<E: WireEnum>(into values: inout [E]) throws(WireDecodingError) {
    try readPacked(into: &values) { (reader: inout WireReader) throws(WireDecodingError) in try reader.readEnum() }
  }

  /// Reads packed `fixed32` values.
  @inlinable
  public mutating func readPackedFixed32(into values: inout [UInt32]) throws(WireDecodingError) {
    try readPackedFixed(into: &values, elementSize: 4) { (reader: inout WireReader) throws(WireDecodingError) in
      try reader.readFixed32()
    }
  }

  /// Reads packed `fixed64` values.
  @inlinable
  public mutating func readPackedFixed64(into values: inout [UInt64]) throws(WireDecodingError) {
    try readPackedFixed(into: &values, elementSize: 8) { (reader: inout WireReader) throws(WireDecodingError) in
      try reader.readFixed64()
    }
  }

  /// Reads packed `sfixed32` values.
  @inlinable
  public mutating func readPackedSFixed32(into values: inout [Int32]) throws(WireDecodingError) {
    try readPackedFixed(into: &values, elementSize: 4) { (reader: inout WireReader) throws(WireDecodingError) in
      try reader.readSFixed32()
    }
  }

  /// Reads packed `sfixed64` values.
  @inlinable
  public mutating func readPackedSFixed64(into values: inout [Int64]) throws(WireDecodingError) {
    try readPackedFixed(into: &values, elementSize: 8) { (reader: inout WireReader) throws(WireDecodingError) in
      try reader.readSFixed64()
    }
  }

  /// Reads packed `float` values.
  @inlinable
  public mutating func readPackedFloat(into values: inout [Float]) throws(WireDecodingError) {
    try readPackedFixed(into: &values, elementSize: 4) { (reader: inout WireReader) throws(WireDecodingError) in
      try reader.readFloat()
    }
  }

  /// Reads packed `double` values.
  @inlinable
  public mutating func readPackedDouble(into values: inout [Double]) throws(WireDecodingError) {
    try readPackedFixed(into: &values, elementSize: 8) { (reader: inout WireReader) throws(WireDecodingError) in
      try reader.readDouble()
    }
  }
}

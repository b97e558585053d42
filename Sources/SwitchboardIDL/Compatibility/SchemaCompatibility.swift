/// Compares two versions of a schema for wire compatibility.
public enum SchemaCompatibility {
  /// The changes from `old` to `new` that break (or deserve attention from) peers still
  /// running the other version; empty when they are compatible.
  public static func check(old: Schema, new: Schema) -> [CompatibilityIssue] {
    []
  }
}

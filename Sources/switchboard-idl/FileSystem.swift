import Foundation

/// The few file operations the compiler needs, over Foundation.
enum FileSystem {
  /// The text of a file, or `nil` when it cannot be read as UTF-8.
  static func read(_ path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return String(bytes: data, encoding: .utf8)
  }

  /// Writes `text` unless the file already holds exactly it, so that an unchanged schema does
  /// not make SwiftPM recompile the generated code.
  static func writeIfChanged(_ text: String, to path: String) throws {
    let data = Data(text.utf8)
    if FileManager.default.contents(atPath: path) == data { return }
    let directory = (path as NSString).deletingLastPathComponent
    if !directory.isEmpty {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
  }

  /// `path` made absolute against the current directory, `.` and `..` resolved.
  static func absolute(_ path: String) -> String {
    let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    return URL(fileURLWithPath: full).standardizedFileURL.path
  }

  /// `path` relative to `root` when it lies inside it, else `nil`.
  static func relative(_ path: String, to root: String) -> String? {
    let path = absolute(path)
    let root = absolute(root)
    let prefix = root.hasSuffix("/") ? root : root + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
  }
}

/// The Swift file generated for a schema: its root-relative path with `/` turned into `_` and
/// `.proto` into `.swift` (`chat/contacts.proto` → `chat_contacts.swift`). The build plugin
/// predicts output names with the same rule.
func outputFileName(forSchema path: String) -> String {
  let stem = path.hasSuffix(".proto") ? String(path.dropLast(6)) : path
  return stem.replacingOccurrences(of: "/", with: "_") + ".swift"
}

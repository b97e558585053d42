import Foundation
import Testing

/// `switchboard-idl` as a person and the build plugin run it: its exit status, its
/// `path:line:column` diagnostics, and that an unchanged schema leaves the output untouched
/// (so SwiftPM recompiles nothing).
@Suite("switchboard-idl command")
struct CompilerCommandTests {
  /// The compiler, built beside this test binary because the test target depends on it.
  static let compiler: URL = {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [
      directory.appending(path: "switchboard-idl"),
      directory.deletingLastPathComponent().appending(path: "switchboard-idl"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
  }()

  struct Run {
    var status: Int32
    var output: String
    var errors: String
  }

  static func run(_ arguments: [String], in directory: URL) throws -> Run {
    let process = Process()
    process.executableURL = compiler
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus,
      output: String(decoding: output, as: UTF8.self),
      errors: String(decoding: errors, as: UTF8.self))
  }

  /// A fresh directory holding `files`.
  static func directory(_ files: [String: String]) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appending(path: "switchboard-idl-\(UUID().uuidString)")
    for (path, text) in files {
      let file = url.appending(path: path)
      try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: file, atomically: true, encoding: .utf8)
    }
    return url
  }

  @Test func generatesOneFilePerSchemaAndRewritesOnlyOnChange() throws {
    let dir = try Self.directory([
      "schemas/chat/contact.proto": "syntax = \"proto3\";\npackage chat;\nimport \"chat/stamp.proto\";\nmessage Contact { Stamp seen = 1; }\n",
      "schemas/chat/stamp.proto": "syntax = \"proto3\";\npackage chat;\nmessage Stamp { int64 millis = 1; }\n",
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let arguments = ["generate", "--root", "schemas", "--out", "out", "--module-name", "Chat", "chat/contact.proto", "chat/stamp.proto"]
    let first = try Self.run(arguments, in: dir)
    #expect(first.status == 0, "\(first.errors)")
    let output = dir.appending(path: "out/chat_contact.swift")
    let generated = try String(contentsOf: output, encoding: .utf8)
    #expect(generated.contains("public struct Contact: SwitchboardRPC.WireMessage"))
    #expect(FileManager.default.fileExists(atPath: dir.appending(path: "out/chat_stamp.swift").path))

    // Age the file, run again: an unchanged schema must leave it (and its date) alone.
    let old = Date(timeIntervalSince1970: 1_000_000)
    try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: output.path)
    #expect(try Self.run(arguments, in: dir).status == 0)
    let date = try FileManager.default.attributesOfItem(atPath: output.path)[.modificationDate] as? Date
    #expect(date == old)

    // A changed schema rewrites it.
    try "syntax = \"proto3\";\npackage chat;\nimport \"chat/stamp.proto\";\nmessage Contact { Stamp seen = 1; string name = 2; }\n"
      .write(to: dir.appending(path: "schemas/chat/contact.proto"), atomically: true, encoding: .utf8)
    #expect(try Self.run(arguments, in: dir).status == 0)
    #expect(try String(contentsOf: output, encoding: .utf8).contains("public var name: String"))
  }

  @Test func reportsEveryErrorAtItsPlaceAndFails() throws {
    let dir = try Self.directory([
      "bad.proto": "syntax = \"proto3\";\nmessage A {\n  int32 a = 1;\n  string b = 1;\n  Missing c = 2;\n}\n",
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try Self.run(["generate", "--out", "out", "bad.proto"], in: dir)
    #expect(run.status == 1)
    let lines = run.errors.split(separator: "\n")
    let path = dir.appending(path: "bad.proto").standardizedFileURL.path
    #expect(lines.contains { $0.hasPrefix("\(path):4:") && $0.contains(": error: ") }, "\(run.errors)")
    #expect(lines.contains { $0.hasPrefix("\(path):5:") && $0.contains(": error: ") }, "\(run.errors)")
    #expect(!FileManager.default.fileExists(atPath: dir.appending(path: "out/bad.swift").path))
  }

  @Test func refusesAnImportedSchemaThatIsNotGeneratedIntoTheModule() throws {
    let dir = try Self.directory([
      "a.proto": "syntax = \"proto3\";\nimport \"b.proto\";\nmessage A { B b = 1; }\n",
      "b.proto": "syntax = \"proto3\";\nmessage B {}\n",
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try Self.run(["generate", "--out", "out", "a.proto"], in: dir)
    #expect(run.status == 1)
    #expect(run.errors.contains("b.proto: error: imported by a schema of this module but not generated into it"))
  }

  @Test func rejectsBadUsageWithStatus2() throws {
    let dir = try Self.directory([:])
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(try Self.run(["generate", "--visibility", "open", "x.proto"], in: dir).status == 2)
    #expect(try Self.run(["generate", "missing.proto"], in: dir).status == 2)
    #expect(try Self.run(["frobnicate"], in: dir).status == 2)
    let help = try Self.run(["--help"], in: dir)
    #expect(help.status == 0 && help.output.contains("compat OLD.proto NEW.proto"))
  }

  @Test func compatFailsOnBreakingChangesAndPassesCompatibleOnes() throws {
    let v1 = "syntax = \"proto3\";\nmessage P {\n  string id = 1;\n  string fax = 2;\n  int32 age = 3;\n}\n"
    let compatible = "syntax = \"proto3\";\nmessage P {\n  reserved 2;\n  reserved \"fax\";\n  string id = 1;\n  int32 years = 3;\n  string email = 4;\n}\n"
    let breaking = "syntax = \"proto3\";\nmessage P {\n  string id = 1;\n  string age = 3;\n}\n"
    let dir = try Self.directory(["v1/p.proto": v1, "ok/p.proto": compatible, "bad/p.proto": breaking])
    defer { try? FileManager.default.removeItem(at: dir) }

    let ok = try Self.run(["compat", "v1/p.proto", "ok/p.proto"], in: dir)
    #expect(ok.status == 0, "\(ok.errors)")
    #expect(ok.output.contains("compatible"))

    let bad = try Self.run(["compat", "v1/p.proto", "bad/p.proto"], in: dir)
    #expect(bad.status == 1)
    #expect(bad.errors.contains("error:"), "\(bad.errors)")
    #expect(bad.errors.contains("2") && bad.errors.contains("3"), "\(bad.errors)")
    #expect(bad.output.contains("2 wire-breaking changes"), "\(bad.output)")
  }
}

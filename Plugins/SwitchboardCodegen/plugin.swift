import Foundation
import PackagePlugin

/// Generates Swift from a target's proto3 schemas at build time, with `switchboard-idl`.
///
/// Two ways to name the schemas:
/// - put `*.proto` files among the target's sources: each is compiled, imports resolved
///   against the target's directory;
/// - or add `switchboard-codegen.json` to the target to compile schemas kept elsewhere, such as
///   the package's top-level `Schema/` folder:
///
///   ```json
///   { "root": "../../Schema", "schemas": ["chat.proto"], "visibility": "public" }
///   ```
///
///   `root` is relative to the target's directory; `schemas` (relative to `root`) defaults to
///   every `.proto` file under it; `visibility` is `public` (the default), `package` or
///   `internal`.
///
/// The command declares the schemas, the configuration and the compiler as its inputs and one
/// Swift file per schema as its outputs, so SwiftPM reruns it only when one of them changes.
@main
struct SwitchboardCodegen: BuildToolPlugin {
  static let configurationName = "switchboard-codegen.json"

  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    guard let target = target as? SourceModuleTarget else { return [] }
    let compiler = try context.tool(named: "switchboard-idl")
    let configurationFile = target.sourceFiles.first { $0.url.lastPathComponent == Self.configurationName }
    let plan: Plan
    if let configurationFile {
      plan = try Plan(configuration: configurationFile.url, target: target.directoryURL)
    } else {
      plan = try Plan(sources: target.sourceFiles(withSuffix: "proto").map(\.url), target: target.directoryURL)
    }

    let outputDirectory = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
    let outputs = plan.schemas.map { outputDirectory.appending(path: outputFileName(forSchema: $0)) }
    var arguments = [
      "generate",
      "--root", plan.root.path(percentEncoded: false),
      "--out", outputDirectory.path(percentEncoded: false),
      "--visibility", plan.visibility,
      "--module-name", target.moduleName,
    ]
    arguments += plan.schemas
    var inputs = plan.schemas.map { plan.root.appending(path: $0) } + plan.imports + [compiler.url]
    if let configurationFile { inputs.append(configurationFile.url) }
    return [
      .buildCommand(
        displayName: "Generating Swift for \(target.name) from \(plan.schemas.count) schema(s)",
        executable: compiler.url,
        arguments: arguments,
        inputFiles: inputs,
        outputFiles: outputs),
    ]
  }
}

/// What to compile: a root, the schemas under it, the access level.
struct Plan {
  var root: URL
  var schemas: [String]
  /// Other `.proto` files under the root, which schemas may import: inputs, not outputs.
  var imports: [URL] = []
  var visibility = "public"

  /// The `.proto` files among a target's sources, relative to the target's directory.
  init(sources: [URL], target: URL) throws {
    root = target
    let base = target.standardizedFileURL.path(percentEncoded: false)
    schemas = sources.map { url in
      let path = url.standardizedFileURL.path(percentEncoded: false)
      return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : url.lastPathComponent
    }.sorted()
    guard !schemas.isEmpty else {
      throw PluginError("found no .proto files among the sources of \(target.path(percentEncoded: false)); "
        + "add schemas there or a \(SwitchboardCodegen.configurationName) naming them")
    }
  }

  /// The schemas a `switchboard-codegen.json` names.
  init(configuration: URL, target: URL) throws {
    struct File: Decodable {
      var root: String?
      var schemas: [String]?
      var visibility: String?
    }
    let file: File
    do {
      file = try JSONDecoder().decode(File.self, from: Data(contentsOf: configuration))
    } catch {
      throw PluginError("cannot read \(configuration.path(percentEncoded: false)): \(error)")
    }
    root = target.appending(path: file.root ?? ".").standardizedFileURL
    visibility = file.visibility ?? "public"
    guard ["public", "package", "internal"].contains(visibility) else {
      throw PluginError("\(configuration.path(percentEncoded: false)): visibility must be public, package or internal, not '\(visibility)'")
    }
    let available = Self.protoFiles(under: root)
    schemas = file.schemas ?? available
    imports = available.filter { !schemas.contains($0) }.map { root.appending(path: $0) }
    guard !schemas.isEmpty else {
      throw PluginError("\(configuration.path(percentEncoded: false)) names no schemas and there are no .proto files under \(root.path(percentEncoded: false))")
    }
    for schema in schemas where !FileManager.default.fileExists(atPath: root.appending(path: schema).path(percentEncoded: false)) {
      throw PluginError("\(configuration.path(percentEncoded: false)): schema '\(schema)' not found under \(root.path(percentEncoded: false))")
    }
  }

  /// Every `.proto` file under `root`, relative to it, sorted for deterministic commands.
  static func protoFiles(under root: URL) -> [String] {
    let base = root.path(percentEncoded: false)
    guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
    var found: [String] = []
    while let path = walker.nextObject() as? String {
      if path.hasSuffix(".proto") { found.append(path) }
    }
    return found.sorted()
  }
}

/// The Swift file generated for a schema; `switchboard-idl` names its outputs by the same rule.
func outputFileName(forSchema path: String) -> String {
  let stem = path.hasSuffix(".proto") ? String(path.dropLast(6)) : path
  return stem.replacingOccurrences(of: "/", with: "_") + ".swift"
}

/// A misconfiguration, reported by SwiftPM with the plugin's name.
struct PluginError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

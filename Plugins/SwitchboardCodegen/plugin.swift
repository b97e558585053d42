import PackagePlugin

@main
struct SwitchboardCodegen: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] { [] }
}

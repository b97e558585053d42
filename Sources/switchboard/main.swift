// `switchboard`: the chat desk's server (`serve`) and a command-line client for trying it by
// hand through the generated client. `switchboard --help` lists the commands.

#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
let status: Int32
switch arguments.first {
case "serve":
  status = await ServeCommand.main(Array(arguments.dropFirst()))
case nil, "help", "--help", "-h":
  print(Usage.overview)
  status = arguments.isEmpty ? 2 : 0
default:
  status = await ClientCommands.main(arguments)
}
exit(status)

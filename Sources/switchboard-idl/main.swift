// switchboard-idl: the Switchboard schema compiler.
//
//   switchboard-idl generate [--root DIR] [--out DIR] [--visibility V] [--module-name M] FILE...
//   switchboard-idl compat OLD.proto NEW.proto
//
// Diagnostics go to standard error as `path:line:column: error: message`, the form `swift build`
// and editors show at the line; the exit status is non-zero when any error was found.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let usage = """
  usage: switchboard-idl <command> [options]

  commands:
    generate [--root DIR] [--out DIR] [--visibility public|package|internal]
             [--module-name NAME] FILE...
        Compile proto3 schemas and write one Swift file per schema into --out (default:
        the current directory). FILE is relative to --root (default: the current
        directory), which is also where `import` statements are resolved. A file is
        rewritten only when its content changes.
    compat OLD.proto NEW.proto
        List the wire-breaking changes from OLD to NEW; exit 1 when there is any.
    help
        Show this text.
  """

var arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.isEmpty ? "help" : arguments.removeFirst()
let status: Int32
switch command {
case "generate":
  status = GenerateCommand.run(arguments)
case "compat":
  status = CompatCommand.run(arguments)
case "help", "--help", "-h":
  print(usage)
  status = 0
default:
  printError("switchboard-idl: unknown command '\(command)'\n\n\(usage)")
  status = 2
}
exit(status)

// switchboard-bench: Switchboard's benchmarks, in the form of the peers in ../shared/peers so
// that `run-all.sh` runs them side by side.
//
//   switchboard-bench codec [--iterations N]
//   switchboard-bench rpc serve --port P
//   switchboard-bench rpc load --host H --port P --connections C --concurrency N --duration S --payload B
//   switchboard-bench rpc idle --host H --port P --connections C --server-pid PID
//   switchboard-bench chat inbound [--concurrency N] [--duration S] [--contacts K] [--preload M]
//       [--history-contacts H] [--database DIR] [--chat-watchers W] [--inbox-watchers I] [--readers R]
//       [--watch-log-seconds L] [--delivery D] [--status-batch B]
//
// Each subcommand prints one JSON line. Release builds only: a debug build refuses to run,
// because its figures would mean nothing.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let usage = """
  usage: switchboard-bench codec [--iterations N]
         switchboard-bench rpc serve --port P
         switchboard-bench rpc load --host H --port P --connections C --concurrency N --duration S --payload B
         switchboard-bench rpc idle --host H --port P --connections C --server-pid PID
         switchboard-bench chat inbound [--concurrency N] [--duration S] [--contacts K] [--preload M]
                                        [--history-contacts H] [--database DIR]
                                        [--chat-watchers W] [--inbox-watchers I] [--readers R]
                                        [--watch-log-seconds L] [--delivery D] [--status-batch B]

  """

if isDebugBuild {
  printError("switchboard-bench: build with `swift build -c release`; debug figures mean nothing\n")
  exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.isEmpty ? "" : arguments.removeFirst()
switch command {
case "codec":
  exit(CodecBenchmark.main(arguments))
case "rpc":
  let subcommand = arguments.isEmpty ? "" : arguments.removeFirst()
  switch subcommand {
  case "serve": exit(await RPCServeCommand.main(arguments))
  case "load": exit(await RPCLoadCommand.main(arguments))
  case "idle": exit(await RPCIdleCommand.main(arguments))
  default: break
  }
  fallthrough
case "chat" where arguments.first == "inbound":
  exit(await ChatInboundCommand.main(Array(arguments.dropFirst())))
default:
  printError(usage)
  exit(2)
}

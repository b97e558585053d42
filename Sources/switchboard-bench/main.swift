// switchboard-bench: Switchboard's benchmarks, in the form of the peers in ../shared/peers so
// that `run-all.sh` runs them side by side.
//
//   switchboard-bench codec [--iterations N]
//
// Each subcommand prints one JSON line. Release builds only: a debug build refuses to run,
// because its figures would mean nothing.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

if isDebugBuild {
  printError("switchboard-bench: build with `swift build -c release`; debug figures mean nothing\n")
  exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.isEmpty ? "" : arguments.removeFirst()
switch command {
case "codec":
  exit(CodecBenchmark.main(arguments))
default:
  printError("usage: switchboard-bench codec [--iterations N]\n")
  exit(2)
}

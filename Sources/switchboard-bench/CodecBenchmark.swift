#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Encodes and decodes the peers' `InboundMessage` (same schema, same values as
/// `../shared/peers/protobuf-bench`) and prints
/// `{"peer":"switchboard","encoded_bytes":N,"encode_ns":...,"decode_ns":...}`: nanoseconds per
/// message, averaged over N iterations after a warm-up of N/10.
enum CodecBenchmark {
  static func main(_ arguments: [String]) -> Int32 {
    var iterations = 1_000_000
    if arguments.count == 2, arguments[0] == "--iterations", let n = Int(arguments[1]), n > 0 {
      iterations = n
    } else if !arguments.isEmpty {
      printError("usage: switchboard-bench codec [--iterations N]\n")
      return 2
    }
    do {
      try run(iterations: iterations)
      return 0
    } catch {
      printError("switchboard-bench codec: \(error)\n")
      return 1
    }
  }

  static func makeMessage() -> InboundMessage {
    InboundMessage(
      workspaceID: "ws_01HZX3K9Q2W7E5R8T6Y4U1I0PA",
      contactPhone: "+14155550123",
      externalID: "wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQTdGQjU1QjI1RTFBMkU0RkI5MAA=",
      timestampMs: 1_732_000_000_123,
      // 80 ASCII characters.
      text: "Hi! Is the 2-bedroom flat on Elm Street still available for a viewing on Friday?",
      tags: ["inbound", "lead", "priority"],
      attributes: [
        "channel": "whatsapp",
        "locale": "en-GB",
        "campaign": "spring-2026",
        "agent": "auto",
        "source": "web-form",
      ],
      kind: .text)
  }

  static func run(iterations: Int) throws {
    let message = makeMessage()
    precondition(message.text.utf8.count == 80, "text must be 80 ASCII characters")
    let encoded = message.serializedBytes()
    let roundTrip = try InboundMessage(serializedBytes: encoded)
    precondition(roundTrip == message, "round trip mismatch")

    let warmup = max(1, iterations / 10)
    var sink = 0

    for _ in 0..<warmup { sink &+= message.serializedBytes().count }
    var start = monotonicNanos()
    for _ in 0..<iterations { sink &+= message.serializedBytes().count }
    let encodeNs = Double(monotonicNanos() - start) / Double(iterations)

    for _ in 0..<warmup { sink &+= try InboundMessage(serializedBytes: encoded).tags.count }
    start = monotonicNanos()
    for _ in 0..<iterations { sink &+= try InboundMessage(serializedBytes: encoded).tags.count }
    let decodeNs = Double(monotonicNanos() - start) / Double(iterations)
    blackHole(sink)

    print(
      "{\"peer\":\"switchboard\",\"encoded_bytes\":\(encoded.count),"
        + "\"encode_ns\":\(oneDecimal(encodeNs)),\"decode_ns\":\(oneDecimal(decodeNs))}")
  }
}

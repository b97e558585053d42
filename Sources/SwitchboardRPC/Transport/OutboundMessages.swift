internal import SwitchboardFraming

/// One call's messages waiting for flow-control credit, and the call's send window.
///
/// A writer whose message does not fit the credit waits (its continuation is parked here)
/// until WINDOW_UPDATEs let the whole message out: the memory a slow reader costs is one
/// message per writer, never an unbounded queue.
struct OutboundMessages {
  struct Pending {
    var bytes: [UInt8]
    var sent: Int
    var endStream: Bool
    var waiter: UnsafeContinuation<Void, any Error>?
  }

  var window: FlowControlWindow
  var pending: [Pending] = []

  init(windowSize: Int) {
    window = FlowControlWindow(initialSize: windowSize)
  }

  var isEmpty: Bool { pending.isEmpty }

  /// Fails every waiting writer and drops their messages.
  mutating func fail(_ error: RPCError) {
    let waiting = pending
    pending = []
    for message in waiting { message.waiter?.resume(throwing: error) }
  }
}

extension FramedConnection {
  /// Writes `message` at once as one MESSAGE frame when nothing is queued before it and the
  /// credit and frame size allow; returns false, writing nothing, otherwise.
  ///
  /// This is the hot path: the message is serialised straight into the output buffer.
  func writeMessageDirectly<Message: WireMessage>(
    _ message: Message, size: Int, streamID: UInt32, endStream: Bool,
    outbound: inout OutboundMessages
  ) -> Bool {
    guard outbound.pending.isEmpty, !isOutputFull, size <= outbound.window.available,
      size <= sendWindow.available, size <= peerSettings.maxFramePayloadSize
    else { return false }
    do {
      try FrameEncoder.appendMessageHeader(
        streamID: streamID, payloadLength: size, endStream: endStream,
        maxPayloadSize: peerSettings.maxFramePayloadSize, into: &output)
    } catch {
      return false
    }
    FrameEncoder.appendBytes(count: size, into: &output) { buffer in
      var writer = WireWriter(buffer)
      message.encode(to: &writer)
    }
    _ = outbound.window.take(upTo: size)
    _ = sendWindow.take(upTo: size)
    outputAppended()
    return true
  }

  /// Writes as much of the queued messages as the credit allows, in order, splitting a message
  /// over frames (flag MORE) where needed, and resumes the writers whose message is all out.
  func drain(_ outbound: inout OutboundMessages, streamID: UInt32) {
    var wroteAny = false
    while !outbound.pending.isEmpty, !isOutputFull {
      let total = outbound.pending[0].bytes.count
      let sent = outbound.pending[0].sent
      let remaining = total - sent
      let allowed = min(
        remaining, outbound.window.available, sendWindow.available,
        peerSettings.maxFramePayloadSize)
      if remaining > 0, allowed == 0 { break }
      let last = sent + allowed == total
      let endStream = last && outbound.pending[0].endStream
      do {
        try FrameEncoder.appendMessageHeader(
          streamID: streamID, payloadLength: allowed, more: !last, endStream: endStream,
          maxPayloadSize: peerSettings.maxFramePayloadSize, into: &output)
      } catch {
        break
      }
      output.append(contentsOf: outbound.pending[0].bytes[sent..<sent + allowed])
      _ = outbound.window.take(upTo: allowed)
      _ = sendWindow.take(upTo: allowed)
      outbound.pending[0].sent += allowed
      wroteAny = true
      if last {
        let done = outbound.pending.removeFirst()
        done.waiter?.resume()
      }
    }
    if wroteAny { outputAppended() }
  }
}

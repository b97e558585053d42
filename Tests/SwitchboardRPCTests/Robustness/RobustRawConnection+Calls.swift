import RPCTestSchema
import SwitchboardFraming
import SwitchboardRPC

extension RobustRawConnection {
  /// The method path of `Echo.Get`, as CALL_START carries it.
  static let getPath = Echo.Method.Get.descriptor.path

  /// Makes a unary `Echo.Get` call by hand on stream `streamID` (after the handshake) and
  /// returns the response and the END that closed it.
  ///
  /// - Throws: ``RobustProtocolViolation`` when the server answers with anything but a
  ///   MESSAGE and an END on that stream.
  func get(_ request: EchoRequest, streamID: UInt32) async throws -> (EchoResponse, EndFrame) {
    try send(
      .callStart(CallStartFrame(streamID: streamID, method: Self.getPath)),
      .message(
        MessageFrame(streamID: streamID, payload: request.serializedBytes()[...], endStream: true)))
    var response: [UInt8]?
    while let frame = try await nextFrameIgnoringSettingsAcks() {
      switch frame {
      case .message(let message) where message.streamID == streamID && !message.more:
        response = Array(message.payload)
      case .end(let end) where end.streamID == streamID:
        guard let response else { throw RobustProtocolViolation("END without a response: \(end)") }
        return (try EchoResponse(serializedBytes: response), end)
      default:
        throw RobustProtocolViolation(
          "unexpected frame during a call on stream \(streamID): \(frame)")
      }
    }
    throw RobustProtocolViolation("the server closed the connection during a call")
  }
}

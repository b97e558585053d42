/// One decoded frame, or one to encode.
///
/// Kinds this version does not know arrive as ``unknown(kind:flags:streamID:payload:)``:
/// the runtime ignores them on stream 0 and rejects them on a call's stream (status
/// unimplemented), keeping the connection.
public enum Frame: Hashable, Sendable {
  /// SETTINGS or its acknowledgement.
  case settings(SettingsFrame)
  /// PING or its answer.
  case ping(PingFrame)
  /// GOAWAY.
  case goAway(GoAwayFrame)
  /// WINDOW_UPDATE.
  case windowUpdate(WindowUpdateFrame)
  /// CALL_START.
  case callStart(CallStartFrame)
  /// MESSAGE.
  case message(MessageFrame)
  /// HALF_CLOSE.
  case halfClose(HalfCloseFrame)
  /// END.
  case end(EndFrame)
  /// CANCEL.
  case cancel(CancelFrame)
  /// A kind this version does not define; `payload` is a slice of the decoder's buffer.
  case unknown(kind: FrameKind, flags: FrameFlags, streamID: UInt32, payload: ArraySlice<UInt8>)

  /// The frame's kind.
  public var kind: FrameKind {
    switch self {
    case .settings: .settings
    case .ping: .ping
    case .goAway: .goAway
    case .windowUpdate: .windowUpdate
    case .callStart: .callStart
    case .message: .message
    case .halfClose: .halfClose
    case .end: .end
    case .cancel: .cancel
    case .unknown(let kind, _, _, _): kind
    }
  }

  /// The frame's stream: 0 for the connection.
  public var streamID: UInt32 {
    switch self {
    case .settings, .ping, .goAway: 0
    case .windowUpdate(let frame): frame.streamID
    case .callStart(let frame): frame.streamID
    case .message(let frame): frame.streamID
    case .halfClose(let frame): frame.streamID
    case .end(let frame): frame.streamID
    case .cancel(let frame): frame.streamID
    case .unknown(_, _, let streamID, _): streamID
    }
  }

  /// Appends the frame, header and payload, to `buffer`; nothing is appended on failure.
  ///
  /// - Parameter maxPayloadSize: the peer's maximum frame payload size.
  /// - Throws: ``FramingError/Code/frameTooLarge`` when the payload exceeds `maxPayloadSize`,
  ///   ``FramingError/Code/invalidValue`` when a field cannot be represented.
  public func encode(
    into buffer: inout [UInt8], maxPayloadSize: Int = FrameHeader.maxPayloadLength
  ) throws(FramingError) {
    switch self {
    case .settings(let frame): try frame.encode(into: &buffer, maxPayloadSize: maxPayloadSize)
    case .ping(let frame): frame.encode(into: &buffer)
    case .goAway(let frame): try frame.encode(into: &buffer, maxPayloadSize: maxPayloadSize)
    case .windowUpdate(let frame): try frame.encode(into: &buffer)
    case .callStart(let frame): try frame.encode(into: &buffer, maxPayloadSize: maxPayloadSize)
    case .message(let frame): try frame.encode(into: &buffer, maxPayloadSize: maxPayloadSize)
    case .halfClose(let frame): try frame.encode(into: &buffer)
    case .end(let frame): try frame.encode(into: &buffer, maxPayloadSize: maxPayloadSize)
    case .cancel(let frame): try frame.encode(into: &buffer)
    case .unknown(let kind, let flags, let streamID, let payload):
      guard !kind.isKnown else {
        throw FramingError(
          .invalidValue, "\(kind) is a known kind; encode it through its own case",
          kind: kind, streamID: streamID)
      }
      try FrameLayout.beginFrame(
        kind, flags: flags, streamID: streamID, payloadLength: payload.count,
        maxPayloadSize: maxPayloadSize, into: &buffer)
      buffer.append(contentsOf: payload)
    }
  }

  /// Decodes one frame whose header was read and whose whole payload is at hand.
  static func decode(_ header: FrameHeader, payload: ArraySlice<UInt8>) throws(FramingError)
    -> Frame
  {
    let kind = header.kind
    let streamID = header.streamID
    var reader = PayloadReader(payload, kind: kind, streamID: streamID)
    guard kind.isKnown else {
      return .unknown(kind: kind, flags: header.flags, streamID: streamID, payload: payload)
    }
    if kind.isConnectionLevel {
      guard streamID == 0 else {
        throw reader.malformed("this kind belongs on stream 0 (the connection)")
      }
    } else if kind != .windowUpdate || streamID != 0,
      let problem = FrameLayout.callStreamProblem(streamID)
    {
      throw reader.malformed(problem)
    }
    switch kind {
    case .settings: return .settings(try .decode(flags: header.flags, reader: &reader))
    case .ping: return .ping(try .decode(flags: header.flags, reader: &reader))
    case .goAway: return .goAway(try .decode(reader: &reader))
    case .windowUpdate: return .windowUpdate(try .decode(streamID: streamID, reader: &reader))
    case .callStart:
      return .callStart(try .decode(streamID: streamID, flags: header.flags, reader: &reader))
    case .message:
      return .message(try .decode(streamID: streamID, flags: header.flags, reader: reader))
    case .halfClose: return .halfClose(try .decode(streamID: streamID, reader: reader))
    case .end: return .end(try .decode(streamID: streamID, flags: header.flags, reader: &reader))
    default: return .cancel(try .decode(streamID: streamID, reader: &reader))
    }
  }
}

import SwitchboardFraming
import SwitchboardRPC
import Testing

/// What a caller sees for what a handler throws.
@Suite("RPCError")
struct RPCErrorTests {
  @Test("codes keep gRPC's numbers and names", arguments: RPCError.Code.allCases)
  func codes(code: RPCError.Code) {
    #expect(RPCError.Code(frameStatus: code.frameStatus) == code)
    #expect(code.description == code.frameStatus.description)
  }

  @Test func numbersAndNamesMatchGRPC() {
    #expect(RPCError.Code.allCases.count == 16)
    #expect(RPCError.Code.deadlineExceeded.rawValue == 4)
    #expect(RPCError.Code.unauthenticated.rawValue == 16)
    #expect(RPCError(code: .notFound, message: "no chat 42").description == "notFound: no chat 42")
  }

  @Test func okIsNotAnErrorAndUnknownNumbersBecomeUnknown() {
    #expect(RPCError.Code(frameStatus: .ok) == nil)
    #expect(RPCError.Code(frameStatus: FrameStatusCode(rawValue: 99)) == .unknown)
  }

  struct ChatTaken: RPCErrorConvertible {
    var rpcError: RPCError { RPCError(code: .failedPrecondition, message: "agent Ada holds the chat") }
  }

  struct SecretFailure: Error {
    var connectionString = "postgres://admin:hunter2@db"
  }

  @Test func handlerErrorsMapToWhatTheCallerSees() {
    let own = RPCError(code: .permissionDenied, message: "not your chat")
    #expect(RPCError.reported(for: own) == own)
    #expect(RPCError.reported(for: ChatTaken()) == ChatTaken().rpcError)
    #expect(RPCError.reported(for: CancellationError()).code == .cancelled)
    let hidden = RPCError.reported(for: SecretFailure())
    #expect(hidden.code == .internal)
    #expect(!hidden.message.contains("hunter2"))
  }
}

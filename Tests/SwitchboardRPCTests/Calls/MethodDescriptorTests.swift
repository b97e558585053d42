import SwitchboardRPC
import Testing

/// The path a call sends is the service and the method joined by a slash, however the
/// descriptor was made or later changed (it is stored, not built per call).
@Suite struct MethodDescriptorTests {
  @Test func thePathFollowsTheServiceAndTheMethod() {
    var descriptor = MethodDescriptor(service: "switchboard.chat.v1.Chats", method: "Intervene", kind: .unary)
    #expect(descriptor.path == "switchboard.chat.v1.Chats/Intervene")
    #expect(descriptor.description == "switchboard.chat.v1.Chats/Intervene")
    descriptor.method = "Resolve"
    #expect(descriptor.path == "switchboard.chat.v1.Chats/Resolve")
    descriptor.service = "switchboard.chat.v2.Chats"
    #expect(descriptor.path == "switchboard.chat.v2.Chats/Resolve")
    #expect(descriptor == MethodDescriptor(service: "switchboard.chat.v2.Chats", method: "Resolve", kind: .unary))
  }
}

import SwitchboardRPC
import Testing
import TopLevelSchema

/// The plugin's configuration file: schemas from the package's top-level `Schema/` folder,
/// compiled into a target that holds no `.proto` file, at the visibility it asks for.
@Suite("Plugin configured by switchboard-codegen.json")
struct PluginConfigurationTests {
  @Test func schemasOutsideTheTargetAreGeneratedAndUsable() throws {
    let response = HealthCheckResponse(status: .notServing)
    let decoded = try HealthCheckResponse(serializedBytes: response.serializedBytes())
    #expect(decoded.status == .notServing)
    #expect(response.serializedBytes() == [0x08, 0x02])
    #expect(HealthCheckResponse.ServingStatus.allCases.count == 4)
  }

  @Test func servicesCarryTheirMethodPathsAndKinds() {
    #expect(Health.Method.Check.descriptor.path == "switchboard.health.v1.Health/Check")
    #expect(Health.Method.Watch.descriptor.kind == .serverStreaming)
    #expect(Health.Method.descriptors.map(\.method) == ["Check", "Watch"])
    let input: Health.Method.Check.Input = HealthCheckRequest(service: "switchboard.chat.v1.Chats")
    #expect(input.service.hasSuffix("Chats"))
  }
}

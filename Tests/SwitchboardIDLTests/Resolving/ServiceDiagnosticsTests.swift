import SwitchboardIDL
import Testing

/// Each rule on services, by exact text and place.
@Suite struct ServiceDiagnosticsTests {
  @Test func requestsAndResponsesMustBeMessages() {
    let text =
      header + """
        message Req {}
        enum Kind { KIND_ZERO = 0; }
        service S {
          rpc A(int32) returns (Req);
          rpc B(Req) returns (Kind);
          rpc C(stream Nope) returns (stream Req);
        }
        """
    #expect(
      diagnostics(text) == [
        "6:9: error: rpc request type must be a message, found scalar 'int32'",
        "7:23: error: rpc response type must be a message, found enum 'test.Kind'",
        "8:16: error: unknown type 'Nope'",
      ])
  }

  @Test func duplicateRpcNames() {
    #expect(
      diagnostics(
        header + "message R {}\nservice S {\n  rpc A(R) returns (R);\n  rpc A(R) returns (R);\n}")
        == [
          "6:7: error: 'A' is already defined in 'test.S' (rpc at line 5)"
        ])
  }

  @Test func typesAreResolvedFromTheServiceScope() throws {
    let file = try compileClean(
      header + "message R { message Inner {} }\nservice S { rpc A(R.Inner) returns (.test.R); }")
    #expect(file.services.first?.methods.first?.inputType == "test.R.Inner")
    #expect(file.services.first?.methods.first?.outputType == "test.R")
  }
}

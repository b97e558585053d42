/// What a ``TestEchoService`` handler throws for ``TestEchoService/secretFailureCode``: an
/// error that is not an `RPCError`, carrying text that must never reach the caller.
struct TestEchoSecretFailure: Error {
  var secret: String
}

// The runtime that generated code imports. Messages need only the wire format, re-exported here
// so that a target applying the SwitchboardCodegen plugin depends on one product and imports one
// module; the RPC client and server live beside it.
@_exported public import SwitchboardWire

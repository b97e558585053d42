// Generated from echo.proto by the SwitchboardCodegen plugin: the service the runtime's
// end-to-end tests serve over TCP and in process.

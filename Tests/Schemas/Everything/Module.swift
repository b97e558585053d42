// The module the SwitchboardCodegen plugin generates from the schemas beside this file.

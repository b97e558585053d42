// Version 1 of the evolution schema, compiled by the SwitchboardCodegen plugin.

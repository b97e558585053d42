// Version 2 of the evolution schema, compiled by the SwitchboardCodegen plugin.

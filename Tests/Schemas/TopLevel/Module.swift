// The top-level Schema/ folder compiled through switchboard-codegen.json, as the product does.

print("switchboard-idl")

package manifest

// ValidCapability reports whether name can be an embedder's capability
// (Options.Capabilities): a lowercase letter, then up to 63 lowercase
// letters, digits, '-' or '_', and not one of the built-in permissions.
func ValidCapability(name string) error { return validCapability(name) }

// BuiltinPermissions are the keys under permissions every manifest may use.
func BuiltinPermissions() []string { return append([]string(nil), builtinPermissions...) }

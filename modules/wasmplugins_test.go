package modules

// wasmPluginsForTests is what the hostile corpus's runtime runs
// `runtime: wasm` cases with. Package modules cannot import wasmplugin (it
// imports modules), so the external test package sets it (see
// wasmplugins_ext_test.go).
var wasmPluginsForTests WasmPlugins

// SetWasmPluginsForTests is for wasmplugins_ext_test.go only.
func SetWasmPluginsForTests(p WasmPlugins) { wasmPluginsForTests = p }

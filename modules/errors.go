package modules

import "errors"

// P3: instances, supervisor, wasm plugins.

// ErrWasmDisabled is returned by Load and Install for a `runtime: wasm`
// module when Options.WasmPlugins is nil.
var ErrWasmDisabled = errors.New("wasm plugins are not enabled in this runtime")

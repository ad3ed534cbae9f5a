// Package wasmplugin runs `runtime: wasm` modules (Extism plugins) in a
// modules.Runtime. A Runtime refuses wasm modules unless its Options enable
// them:
//
//	rt, err := modules.Open(ctx, modules.Options{WasmPlugins: wasmplugin.New()})
//
// It is a package of its own so that a program that never runs wasm plugins
// does not link Extism and its dependencies: package modules does not
// import it, and the command line does.
//
// A plugin reaches the outside only through the host functions of package
// internal/hostfns, checked against the module's manifest as a TypeScript
// module's are; Extism's own allowed_paths and allowed_hosts stay empty. A
// plugin is refused before compiling when it is past Limits, compiled once
// per Runtime, and instanced on every start and restart.
//
// It must never give a plugin a WASI directory, a network host or any host
// function but ours, never take a module's identity from the guest, and
// never keep a compiled plugin or a cache past its Runtime's Close.
package wasmplugin

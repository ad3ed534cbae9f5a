// Package modules is the embedding API of CoreTS-Wasm: a Runtime loads
// TypeScript modules (and, with modules/wasmplugin, Extism plugins), keeps
// the registry of loaded modules (load, unload, reload, status, call),
// restarts those whose instance died, and installs and removes modules.
// Everything an embedder compares errors with is in errors.go.
//
// The work is done by internal packages, one job each: internal/bundle
// (esbuild), internal/install (sources, unpacking, approval, the swap),
// internal/supervisor (restart policy), internal/jsengine (QuickJS on
// wasm) and internal/hostfns (the capabilities a module is granted);
// internal/layers' test keeps the import graph in those layers.
//
// Runtimes that share a store can share their installs (SharedInstalls,
// shared_installs.go): an install writes the module's files into the
// store, and every runtime on it follows the install records, fetching,
// verifying and loading what another runtime installed.
//
// It never prints or exits, never loads a module whose manifest or
// signature does not check out, and never lets one module's failure touch
// another: each has its own instance, capabilities and restarts.
package modules

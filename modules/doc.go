// Package modules makes TypeScript modules runnable: it bundles a module
// with esbuild, keeps the registry of loaded modules (load, unload,
// reload, status, call), restarts modules whose instance died, installs
// and removes modules, and offers all of it to Go programs as a Runtime.
//
// It never prints or exits, never loads a module whose manifest or
// signature does not check out, and never lets one module's failure touch
// another: each has its own instance, capabilities and restarts.
package modules

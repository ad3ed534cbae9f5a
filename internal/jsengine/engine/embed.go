// Package engine holds QuickJS compiled to a wasm32-wasi reactor, together
// with the script that reproduces it byte for byte (build.sh) and the C bridge
// it is built with (bridge.c). See README.md for what crosses the boundary.
package engine

import _ "embed"

// WASM is quickjs.wasm as build.sh makes it.
//
//go:embed quickjs.wasm
var WASM []byte

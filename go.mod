module github.com/corets/corets-wasm

go 1.26.8

require (
	github.com/cespare/xxhash/v2 v2.3.0
	github.com/tetratelabs/wazero v1.12.0
	golang.org/x/sys v0.44.0
)

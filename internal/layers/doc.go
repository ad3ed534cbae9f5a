// Package layers holds no code: its test reads the import graph of the
// whole module with the go tool and fails when a package imports upward or
// sideways past its layer, when the command line imports anything but the
// public packages, or when production code imports a test helper; and
// with go list -deps, when a public package links etcd's client (only
// kv/etcdkv may: the default product stays dependency-light).
//
// The layers, each importing only from layers below it:
//
//	5  cmd/corets-wasm                     the command line (public packages only)
//	4  modules/wasmplugin                  the Extism adapter, opted into by embedders
//	3  modules                             the embedding API: registry, supervision, errors
//	2  internal/instance                   the engine-neutral instance contract
//	1  internal/hostfns                    host functions, plugged into an engine
//	0  internal/jsengine, bundle, install  the QuickJS engine, bundling, installing,
//	   kv/etcdkv, kv/kvtest                the etcd store, the stores' test table
//	-1 internal/wasmhost, caps, sourcemap, supervisor, kv, manifest,
//	   internal/jsengine/engine, testutil, they import only layer -2
//	   etcdtest
//	-2 internal/errs, internal/cachefile,  error values, cache files and file
//	   internal/filelock                   locks every layer shares
package layers

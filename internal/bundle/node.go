package bundle

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// The node:* modules CoreTS-Wasm provides (node/*.js): plain JS written on
// the engine's own primitives (the prelude's web APIs, its inspector and the
// host's hashes), served by the resolver as virtual modules. A bundle
// carries only the ones it imports, so a module that imports none pays
// nothing, and the engine's start-up image stays as it is.
//
// "node:X" and the bare "X" both resolve here, with the bare name giving
// way first to what a package.json "browser" map makes of it and then to a
// package of that name installed in the module (the npm "buffer" or
// "events" a package depends on): the module's own choice wins, as in a
// browser bundler. Everything else of node's (fs, net, child_process, http,
// os, worker_threads...) stays refused with the core.* way to do it.

//go:embed node/*.js
var nodeFiles embed.FS

// nodeNamespace holds the virtual node:* modules.
const nodeNamespace = "corets-node"

// nodeModules maps each provided name (without "node:") to its file in
// node/.
var nodeModules = map[string]string{
	"buffer":          "buffer.js",
	"events":          "events.js",
	"path":            "path.js",
	"path/posix":      "path.js",
	"string_decoder":  "string_decoder.js",
	"util":            "util.js",
	"util/types":      "util_types.js",
	"crypto":          "crypto.js",
	"assert":          "assert.js",
	"assert/strict":   "assert_strict.js",
	"url":             "url.js",
	"querystring":     "querystring.js",
	"process":         "process.js",
	"timers":          "timers.js",
	"timers/promises": "timers_promises.js",
	"stream/web":      "stream_web.js",
	"sys":             "util.js", // node's deprecated alias of util
}

// NodeModules lists the node built-ins a module can import, without the
// "node:" prefix (each works with it too), sorted.
func NodeModules() []string {
	names := make([]string, 0, len(nodeModules))
	for n := range nodeModules {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func nodeProvided(spec string) (file string, ok bool) {
	file, ok = nodeModules[strings.TrimPrefix(spec, "node:")]
	return file, ok
}

// nodeFilesHash is a digest of node/*.js and the globals module, part of the cache fingerprint: a
// bundle made with older copies of them is not reused.
var nodeFilesHash = sync.OnceValue(func() string {
	h := sha256.New()
	names, _ := fs.Glob(nodeFiles, "node/*.js")
	for _, n := range names {
		b, _ := nodeFiles.ReadFile(n)
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write(b)
		h.Write([]byte{0})
	}
	h.Write([]byte(nodeGlobalsSource))
	return hex.EncodeToString(h.Sum(nil))[:16]
})

func nodeResolve(spec string) api.OnResolveResult {
	file, _ := nodeProvided(spec)
	// no side effects: an import whose names are unused is dropped
	return api.OnResolveResult{Path: "node:" + strings.TrimSuffix(file, ".js"), Namespace: nodeNamespace, SideEffects: api.SideEffectsFalse}
}

// nodeGlobalsPath is the module a bundle whose code names Buffer or process
// free gets ahead of its entry (buildBundle): it defines node:buffer's
// Buffer and node:process as globals, as Deno does for npm packages and as
// browserify and webpack 4 provided them, where no global of that name
// exists yet. It is injected for its side effect alone, exporting nothing:
// esbuild 0.28's renamer races on injected *symbols* (a data race under
// -race, and a name chosen in one file's scope used in another's), and a
// module that exports none gives it none.
const nodeGlobalsPath = "corets-inject:node-globals"

const nodeGlobalsSource = `import { Buffer } from 'node:buffer';
import process from 'node:process';
for (const [name, value] of [['Buffer', Buffer], ['process', process]]) {
  if (!(name in globalThis)) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
  }
}
`

// freeNodeGlobals are defined in a bundle's first build as markers that
// replace only free references to Buffer and process (esbuild's define
// leaves a local or an import of that name alone): a first build whose code
// holds a marker is built again with nodeGlobalsPath, without the markers.
var freeNodeGlobals = map[string]string{
	"Buffer":  "__corets_free_Buffer",
	"process": "__corets_free_process",
}

func namesNodeGlobal(res api.BuildResult) bool {
	for _, f := range res.OutputFiles {
		if strings.HasSuffix(f.Path, ".js") && bytes.Contains(f.Contents, []byte("__corets_free_")) {
			return true
		}
	}
	return false
}

func nodeResolveGlobals(args api.OnResolveArgs) (api.OnResolveResult, error) {
	if args.Path != nodeGlobalsPath {
		return api.OnResolveResult{Errors: refusal(ErrImportRefused, fmt.Sprintf("%q is not provided", args.Path))}, nil
	}
	// side effects: it is imported for them alone
	return api.OnResolveResult{Path: args.Path, Namespace: nodeNamespace}, nil
}

func nodeLoad(args api.OnLoadArgs) (api.OnLoadResult, error) {
	if args.Path == nodeGlobalsPath {
		s := nodeGlobalsSource
		return api.OnLoadResult{Contents: &s, Loader: api.LoaderJS}, nil
	}
	b, err := nodeFiles.ReadFile("node/" + strings.TrimPrefix(args.Path, "node:") + ".js")
	if err != nil {
		return api.OnLoadResult{Errors: refusal(ErrImportRefused, args.Path+" is not provided")}, nil
	}
	s := string(b)
	return api.OnLoadResult{Contents: &s, Loader: api.LoaderJS}, nil
}

// nodeResolveInternal resolves a node/*.js file's "./name" import of a
// helper no module can import itself (./comparisons).
func nodeResolveInternal(args api.OnResolveArgs) (api.OnResolveResult, error) {
	name := strings.TrimPrefix(args.Path, "./")
	if _, err := fs.Stat(nodeFiles, "node/"+name+".js"); err != nil || strings.ContainsAny(name, "/\\.") {
		return api.OnResolveResult{Errors: refusal(ErrImportRefused, args.Path+" is not a node:* helper")}, nil
	}
	return api.OnResolveResult{Path: "node:" + name, Namespace: nodeNamespace}, nil
}

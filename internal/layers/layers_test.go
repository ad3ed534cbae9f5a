package layers

import (
	"os/exec"
	"slices"
	"sort"
	"strings"
	"testing"
)

const mod = "github.com/corets/corets-wasm/"

// layer ranks every package of the module; a package may import only
// packages of a lower rank. A package missing here fails the test, so a new
// package is placed deliberately.
var layer = map[string]int{
	"cmd/corets-wasm":                     5,
	"modules/wasmplugin":                  4,
	"modules":                             3,
	"internal/instance":                   2,
	"internal/hostfns":                    1,
	"internal/jsengine":                   0,
	"internal/bundle":                     0,
	"internal/install":                    0,
	"kv/etcdkv":                           0, // the etcd backend: imported only by who wants it
	"kv/kvtest":                           0, // the backends' shared test table: imported by tests only
	"internal/wasmhost":                   -1,
	"internal/jsengine/engine":            -1,
	"internal/jsengine/test262":           1, // the conformance runner (a command over jsengine)
	"internal/jsengine/test262/mozimport": -1,
	"internal/caps":                       -1,
	"internal/sourcemap":                  -1,
	"internal/supervisor":                 -1,
	"kv":                                  -1,
	"manifest":                            -1,
	"internal/layers":                     -1,
	"internal/testutil":                   -1, // test helpers: imported by tests only
	"internal/etcdtest":                   -1, // in-process etcd clusters: imported by tests only
	"internal/errs":                       -2,
	"internal/cachefile":                  -2,
	"internal/filelock":                   -2,
}

// public is what the command line may import: what an embedder sees.
var public = map[string]bool{"modules": true, "modules/wasmplugin": true, "manifest": true, "kv": true, "kv/etcdkv": true}

// imports lists, for every package of the module, the packages of the
// module its non-test files import (for every GOOS we build for).
func imports(t *testing.T) map[string][]string {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH (e.g. under wine):", err)
	}
	all := map[string][]string{}
	for _, goos := range []string{"linux", "windows", "darwin", "freebsd"} {
		cmd := exec.Command(goTool, "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", mod+"...")
		cmd.Env = append(cmd.Environ(), "GOOS="+goos, "GOARCH=amd64")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("GOOS=%s go list: %v", goos, err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			f := strings.Fields(line)
			pkg := strings.TrimPrefix(f[0], mod)
			if _, ok := all[pkg]; !ok {
				all[pkg] = nil
			}
			for _, imp := range f[1:] {
				if rel, ok := strings.CutPrefix(imp, mod); ok && !slices.Contains(all[pkg], rel) {
					all[pkg] = append(all[pkg], rel)
				}
			}
		}
	}
	return all
}

func TestLayers(t *testing.T) {
	graph := imports(t)
	var pkgs []string
	for p := range graph {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, p := range pkgs {
		if strings.HasPrefix(p, "bench") {
			continue // its own module
		}
		rank, ok := layer[p]
		if !ok {
			t.Errorf("%s has no layer: place it in layer (internal/layers) and doc.go", p)
			continue
		}
		for _, imp := range graph[p] {
			switch r, ok := layer[imp]; {
			case imp == "internal/testutil" || imp == "internal/etcdtest" || imp == "kv/kvtest":
				t.Errorf("%s imports the test helpers outside its tests", p)
			case !ok:
				t.Errorf("%s imports %s, which has no layer", p, imp)
			case r >= rank:
				t.Errorf("%s (layer %d) imports %s (layer %d): only lower layers may be imported", p, rank, imp, r)
			}
			if p == "cmd/corets-wasm" && !public[imp] {
				t.Errorf("the command line imports %s; it may use only the public packages, as an embedder would", imp)
			}
		}
	}
}

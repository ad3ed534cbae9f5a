package layers

import (
	"os/exec"
	"strings"
	"testing"
)

// The product's default stays dependency-light: the packages an embedder
// imports (and the command line without a backend package) link no etcd;
// only kv/etcdkv, which an embedder imports to reach an etcd store, does.
func TestDefaultLinksNoEtcd(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH (e.g. under wine):", err)
	}
	for _, pkg := range []string{"modules", "kv", "manifest", "internal/install"} {
		out, err := exec.Command(goTool, "list", "-deps", mod+pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if strings.HasPrefix(dep, "go.etcd.io/etcd/") {
				t.Errorf("%s links %s", pkg, dep)
			}
		}
	}
}

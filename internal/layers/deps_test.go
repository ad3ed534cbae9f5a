package layers

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDefaultLinksNoEtcd: the store and the embedding API stay light; only
// a program that imports kv/etcdkv links etcd's client (bbolt, which is
// go.etcd.io/bbolt, is the default store and allowed).
func TestDefaultLinksNoEtcd(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH (e.g. under wine):", err)
	}
	for _, pkg := range []string{"kv", "modules"} {
		out, err := exec.Command(goTool, "list", "-deps", mod+pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if strings.HasPrefix(dep, "go.etcd.io/etcd/") || strings.HasPrefix(dep, "google.golang.org/grpc") {
				t.Errorf("%s links %s: etcd belongs behind kv/etcdkv", pkg, dep)
			}
		}
	}
}

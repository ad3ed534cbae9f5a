package layers

import (
	"os/exec"
	"strings"
	"testing"
)

// heavy are the import paths an embedder of the default product must not
// link: the etcd client and what it brings (gRPC). Only a program that
// imports kv/etcdkv (the command line does) links them.
var heavy = []string{"go.etcd.io/etcd/", "google.golang.org/grpc"}

// The public packages stay dependency-light: nothing they import, however
// deeply, is etcd's, for any GOOS we build for.
func TestPublicPackagesStayLight(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH (e.g. under wine):", err)
	}
	pkgs := []string{mod + "kv", mod + "modules", mod + "manifest", mod + "modules/wasmplugin", mod + "internal/install"}
	for _, goos := range []string{"linux", "windows", "darwin"} {
		cmd := exec.Command(goTool, append([]string{"list", "-deps", "-f", "{{.ImportPath}}"}, pkgs...)...)
		cmd.Env = append(cmd.Environ(), "GOOS="+goos, "GOARCH=amd64")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("GOOS=%s go list -deps: %v", goos, err)
		}
		deps := strings.Fields(string(out))
		if len(deps) < len(pkgs) {
			t.Fatalf("GOOS=%s go list -deps listed %d packages", goos, len(deps))
		}
		for _, d := range deps {
			for _, h := range heavy {
				if strings.HasPrefix(d, h) {
					t.Errorf("GOOS=%s: %s links %s; only kv/etcdkv may import etcd", goos, strings.Join(pkgs, " "), d)
				}
			}
		}
	}
}

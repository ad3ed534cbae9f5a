package modules

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/manifest"
)

const readerModule = `export async function read(path: string) {
  try { return await core.fileRead(path); } catch (e) { return (e as Error).name; }
}
`

// Options.Grants widen a module that is not installed, as if its manifest
// said them, and never an installed one.
func TestGrants(t *testing.T) {
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "app")
	writeTree(t, root, map[string]string{
		"data/in.txt":             "secret",
		"plain/.core/view.yml":    "code: plain\n",
		"plain/main.ts":           readerModule,
		"single.ts":               readerModule,
		"src/inst/.core/view.yml": "code: inst\n",
		"src/inst/main.ts":        readerModule,
	})
	r := installRuntime(t, Options{AppRoot: root, Grants: manifest.Permissions{Read: []string{"./data/"}}})
	for _, path := range []string{filepath.Join(root, "plain"), filepath.Join(root, "single.ts")} {
		code, err := r.Load(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		out, err := r.Call(ctx, code, "read", "data/in.txt")
		if err != nil || string(out) != `"secret"` {
			t.Fatalf("%s: read = %s, %v; want the granted file", code, out, err)
		}
	}
	if _, err := r.Install(ctx, filepath.Join(root, "src/inst"), InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	out, err := r.Call(ctx, "inst", "read", "data/in.txt")
	if err != nil || string(out) != `"PermissionDenied"` {
		t.Fatalf("installed module: read = %s, %v; want PermissionDenied (grants approved at install only)", out, err)
	}
}

func TestGrantsRefused(t *testing.T) {
	for _, tc := range []struct {
		name   string
		grants manifest.Permissions
		perm   string
		want   string
	}{
		{"parent", manifest.Permissions{Read: []string{"../etc/"}}, "read", ".."},
		{"control", manifest.Permissions{Write: []string{"a\x00b"}}, "write", ""},
		{"net", manifest.Permissions{Net: []string{"example.com:99999"}}, "net", "99999"},
		{"store", manifest.Permissions{Store: []string{"_runtime"}}, "store", "reserved"},
		{"env", manifest.Permissions{Env: []string{"LD_PRELOAD"}}, "env", ""},
		{"unknown capability", manifest.Permissions{Extra: map[string][]string{"email": {"x"}}}, "email", "capability"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(context.Background(), Options{AppRoot: t.TempDir(), MemoryStore: true, NoDiskCache: true, SkipInstalled: true, Grants: tc.grants})
			var ge *GrantError
			if !errors.As(err, &ge) || ge.Permission != tc.perm || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Open = %v; want a *GrantError for %s mentioning %q", err, tc.perm, tc.want)
			}
		})
	}
}

// Options.Capabilities let manifests grant a capability that has no
// function; an undeclared one stays refused.
func TestCapabilities(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"m/.core/view.yml": "code: m\npermissions:\n  email: [\"*@example.com\"]\n",
		"m/main.ts":        "export const ok = () => core.module.code;\n",
	})
	if _, err := Open(ctx, Options{AppRoot: root, MemoryStore: true, NoDiskCache: true, Capabilities: []string{"read"}}); err == nil {
		t.Fatal("Open accepted a built-in permission as a capability")
	}
	r := installRuntime(t, Options{AppRoot: root})
	if _, err := r.Load(ctx, filepath.Join(root, "m")); err == nil || !strings.Contains(err.Error(), `unknown key "email"`) {
		t.Fatalf("undeclared capability: Load = %v", err)
	}
	r = installRuntime(t, Options{AppRoot: root, Capabilities: []string{"email"}})
	if _, err := r.Load(ctx, filepath.Join(root, "m")); err != nil {
		t.Fatal(err)
	}
}

package modules

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// process.env.NODE_ENV is undefined, as under node, unless the manifest's
// bundle.node_env sets it.
func TestManifestNodeEnv(t *testing.T) {
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "app")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	r, err := Open(ctx, Options{AppRoot: root, MemoryStore: true, SkipInstalled: true, Output: func(string, string, string) {}})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close(ctx)
	main := `export function env() { return String(process.env.NODE_ENV) + (process.env.NODE_ENV !== "production" ? " dev" : " prod"); }` + "\n"
	for _, tt := range []struct{ code, extra, want string }{
		{"unset", "", `"undefined dev"`},
		{"prod", "bundle:\n  node_env: production\n", `"production prod"`},
	} {
		dir := writeModule(t, filepath.Join(root, tt.code), map[string]string{
			".core/view.yml": "code: " + tt.code + "\n" + tt.extra,
			"main.ts":        main,
		})
		if _, err := r.Load(ctx, dir); err != nil {
			t.Fatal(err)
		}
		res, err := r.Call(ctx, tt.code, "env")
		if err != nil {
			t.Fatal(err)
		}
		if string(res) != tt.want {
			t.Errorf("%s: env() = %s, want %s", tt.code, res, tt.want)
		}
	}
}

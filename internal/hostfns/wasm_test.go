package hostfns_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/internal/hostfns"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

// Serve answers wasm modules with the handlers TypeScript modules use.
func TestServe(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "data"), 0o755)
	os.WriteFile(filepath.Join(root, "data", "a.txt"), []byte("hi"), 0o644)
	db := kv.OpenMemory(kv.Options{})
	defer db.Close()
	h, err := hostfns.New(hostfns.Config{AppRoot: root, Store: db, Output: func(string, string, string) {}})
	if err != nil {
		t.Fatal(err)
	}
	m, err := h.Bind(&manifest.Manifest{Code: "w", Permissions: manifest.Permissions{Read: []string{"./data/"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	ctx := context.Background()
	for _, tc := range []struct{ fn, req, want string }{
		{"file_read", `{"path":"./data/a.txt"}`, `{"ok":"hi"}`},
		{"file_read", `{"path":"./secret"}`, `{"error":{"name":"PermissionDenied","message":"read \"./secret\" is not granted`},
		{"file_write", `{"path":"./data/b.txt","data":"x"}`, `{"error":{"name":"PermissionDenied"`},
		{"file_write", `{"path":"./data/b.txt"}`, `{"error":{"name":"TypeError"`},
		{"store_set", `{"group":"g","key":"k","value":[1]}`, `{"ok":{"version":1}}`},
		{"store_get", `{"group":"g","key":"k"}`, `{"ok":{"value":[1],"version":1}}`},
		{"store_get", `{"group":"g","key":"none"}`, `{"ok":null}`},
		{"store_get", `{"group":"_sys","key":"k"}`, `{"error":{"name":"PermissionDenied"`},
		{"log", `{"level":"shout","text":"x"}`, `{"error":{"name":"TypeError"`},
		{"file_read", `not json`, `{"error":{"name":"TypeError","message":"file_read: malformed request`},
		{"nope", `{}`, `{"error":{"name":"TypeError"`},
	} {
		got := string(m.Serve(ctx, tc.fn, []byte(tc.req)))
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s %s:\n got %s\nwant %s...", tc.fn, tc.req, got, tc.want)
		}
	}
}

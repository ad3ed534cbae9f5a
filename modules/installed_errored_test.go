package modules

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// An installed module whose manifest this runtime cannot read (here: it
// grants a capability this runtime does not declare) is listed ERRORED
// with the reason, not left out of List and Status.
func TestInstalledManifestErrorIsListed(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	store := filepath.Join(t.TempDir(), "store.db")
	src := writeTree(t, filepath.Join(t.TempDir(), "mailer"), map[string]string{
		".core/view.yml": "code: mailer\npermissions:\n  email: [\"ops@example.com\"]\n",
		"main.ts":        "export function hello() { return 1; }\n",
	})
	a, err := Open(ctx, Options{AppRoot: root, StorePath: store, NoDiskCache: true, Capabilities: []string{"email"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Install(ctx, src, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	a.Close(ctx)

	b, err := Open(ctx, Options{AppRoot: root, StorePath: store, NoDiskCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close(ctx)
	st, err := b.Status("mailer")
	if err != nil {
		t.Fatalf("the installed module is not listed: %v", err)
	}
	if st.State != StateErrored || !strings.Contains(st.Error, "email") {
		t.Fatalf("status %s %q, want ERRORED naming the capability", st.State, st.Error)
	}
	if st.Path != filepath.Join(root, "modules", "mailer") {
		t.Fatalf("path %q", st.Path)
	}
	if _, err := b.Call(ctx, "mailer", "hello"); err == nil {
		t.Fatal("a call of the ERRORED module answered")
	}
	// still removable
	if err := b.Remove(ctx, "mailer"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Status("mailer"); err == nil {
		t.Fatal("still listed after Remove")
	}
}

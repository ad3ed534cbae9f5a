package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The happy path of remove is in TestInstallListCallStatusRemove.

func TestRemoveErrors(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	corets(t, "remove", "--root", root, "ghost").fails(t, exitNotFound, "remove ghost", "not installed")
	corets(t, "remove", "--root", root, "--purge", "ghost").fails(t, exitNotFound, "remove ghost", "not installed")
	corets(t, "remove", "--root", root, "../etc").fails(t, exitFailed, "remove ../etc")
	corets(t, "remove", "--root", root).fails(t, exitUsage, "remove: expected CODE")
}

// remove keeps a module's stored data and says so; a reinstall finds it;
// --purge deletes it, also after the module was removed.
func TestRemoveKeepsDataUnlessPurge(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	store := filepath.Join(root, ".corets", "store.db")
	src := writeModule(t, filepath.Join(t.TempDir(), "notes"), "code: notes\n", `export async function save(v: string) { await core.storeSet("notes", "last", v); }
export async function last() { return await core.storeGet("notes", "last"); }
`)
	install := func() {
		t.Helper()
		corets(t, "install", "--root", root, src).ok(t)
	}
	last := func() string {
		t.Helper()
		return corets(t, "call", "--root", root, "notes", "last").ok(t).stdout
	}
	install()
	corets(t, "call", "--root", root, "notes", "save", `"hello"`).ok(t)

	r := corets(t, "remove", "--root", root, "notes").ok(t)
	if r.stdout != "removed notes\n" {
		t.Errorf("stdout %q", r.stdout)
	}
	if want := "kept the stored data of notes (1 key, "; !strings.HasPrefix(r.stderr, want) ||
		!strings.Contains(r.stderr, " in "+store+": installing notes again uses it; 'corets-wasm remove --purge notes' deletes it\n") {
		t.Errorf("stderr %q", r.stderr)
	}
	corets(t, "remove", "--root", root, "notes").fails(t, exitNotFound, "not installed", "stored data of an earlier install is kept: 1 key", "--purge deletes it")
	install()
	if got := last(); got != "\"hello\"\n" {
		t.Fatalf("after reinstalling: %q", got)
	}

	r = corets(t, "remove", "--root", root, "--purge", "notes").ok(t)
	if r.stdout != "removed notes\n" || !strings.HasPrefix(r.stderr, "deleted the stored data of notes (1 key, ") || !strings.HasSuffix(r.stderr, ") from "+store+"\n") {
		t.Errorf("remove --purge: stdout %q, stderr %q", r.stdout, r.stderr)
	}
	install()
	if got := last(); got != "null\n" {
		t.Fatalf("after a purge and a reinstall: %q", got)
	}

	// a removed module's kept data, purged later
	corets(t, "call", "--root", root, "notes", "save", `"again"`).ok(t)
	corets(t, "remove", "--root", root, "notes").ok(t)
	r = corets(t, "remove", "--root", root, "notes", "--purge").ok(t)
	if r.stdout != "" || !strings.HasPrefix(r.stderr, "deleted the stored data of notes (1 key, ") {
		t.Errorf("purge after remove: stdout %q, stderr %q", r.stdout, r.stderr)
	}
	corets(t, "remove", "--root", root, "notes", "--purge").fails(t, exitNotFound, "not installed")

	// no data: nothing to say
	install()
	if r := corets(t, "remove", "--root", root, "notes").ok(t); r.stderr != "" {
		t.Errorf("stderr %q", r.stderr)
	}
	if r := corets(t, "remove", "--help").ok(t); !strings.Contains(r.stdout, "--purge") || !strings.Contains(r.stdout, "stored data") {
		t.Errorf("remove --help:\n%s", r.stdout)
	}
}

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStatusShowsErrored(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	good := writeModule(t, filepath.Join(t.TempDir(), "good"), "code: good\nversion: \"1\"\n", `export function init() { console.log("up"); }`)
	corets(t, "install", "--root", root, good).ok(t)
	// break the installed copy behind the installer's back: refused at
	// load as changed since install
	if err := os.WriteFile(filepath.Join(root, "modules", "good", "main.ts"), []byte(`export function init() { throw new Error("broken on disk"); }`), 0o644); err != nil {
		t.Fatal(err)
	}
	r := corets(t, "status", "--root", root)
	if r.code != exitErrored || !strings.HasSuffix(r.stderr, "corets-wasm: module good ERRORED (see the error column)\n") {
		t.Errorf("status: exit %d, stderr %q", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], "ERRORED") || !strings.Contains(lines[1], "changed main.ts") {
		t.Errorf("status:\n%s", r.stdout)
	}
	var list []map[string]any
	// --json: the array alone on stdout, and the exit status
	r = corets(t, "status", "--root", root, "--json")
	if r.code != exitErrored {
		t.Errorf("status --json: exit %d", r.code)
	}
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) != 1 || list[0]["state"] != "ERRORED" {
		t.Errorf("status --json: %v\n%s", err, r.stdout)
	}

	if r := corets(t, "status", "--root", t.TempDir()).ok(t); !strings.HasPrefix(r.stdout, "no modules installed") {
		t.Errorf("status of nothing: %q", r.stdout)
	}
	corets(t, "status", "--root", filepath.Join(root, "nope")).fails(t, exitNotFound, "app root")
}

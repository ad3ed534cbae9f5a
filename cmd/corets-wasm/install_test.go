package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/modules"
)

const notesManifest = `code: notes
name: Notes
version: "1.0"
`

const notesMain = `export async function init(core: Core) {
  console.log("notes starting");
}
export async function add(note: { text: string }): Promise<number> {
  const list = (await core.storeGet<string[]>("notes", "all")) ?? [];
  list.push(note.text);
  await core.storeSet("notes", "all", list);
  return list.length;
}
export async function all(): Promise<string[]> {
  return (await core.storeGet<string[]>("notes", "all")) ?? [];
}
`

// TestInstallListCallStatusRemove goes through an installed module's life.
func TestInstallListCallStatusRemove(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	src := writeModule(t, filepath.Join(t.TempDir(), "notes-src"), notesManifest, notesMain)

	if r := corets(t, "list", "--root", root).ok(t); !strings.HasPrefix(r.stdout, "no modules installed") {
		t.Errorf("list before install: %q", r.stdout)
	}
	r := corets(t, "install", "--root", root, src).ok(t)
	if !strings.HasPrefix(r.stdout, "installed notes 1.0 from ") || !strings.Contains(r.stdout, filepath.Join(root, "modules", "notes")) {
		t.Errorf("install: stdout %q", r.stdout)
	}
	if r.stderr != "[notes] notes starting\n" {
		t.Errorf("install: stderr %q", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(root, "modules", "notes", "main.ts")); err != nil {
		t.Errorf("not installed: %v", err)
	}

	r = corets(t, "list", "--root", root).ok(t)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 || strings.Fields(lines[0])[0] != "CODE" || !strings.HasPrefix(lines[1], "notes  ") || !strings.Contains(lines[1], " 1.0 ") {
		t.Errorf("list:\n%s", r.stdout)
	}
	var listed []map[string]any
	r = corets(t, "list", "--root", root, "--json").ok(t)
	if err := json.Unmarshal([]byte(r.stdout), &listed); err != nil || len(listed) != 1 || listed[0]["code"] != "notes" || listed[0]["version"] != "1.0" {
		t.Errorf("list --json: %v\n%s", err, r.stdout)
	}

	// calls share the store file under the app root
	for i, text := range []string{"milk", "eggs"} {
		r = corets(t, "call", "--root", root, "notes", "add", `{"text":"`+text+`"}`).ok(t)
		if want := string(rune('1'+i)) + "\n"; r.stdout != want || r.stderr != "notes starting\n" {
			t.Errorf("call add: stdout %q, want %q; stderr %q", r.stdout, want, r.stderr)
		}
	}
	r = coretsCtx(t, context.Background(), "", "call", "notes", "all", "--root", root).ok(t)
	if !strings.HasSuffix(r.stdout, "[\n  \"milk\",\n  \"eggs\"\n]\n") {
		t.Errorf("call all: stdout %q", r.stdout)
	}

	r = corets(t, "status", "--root", root).ok(t)
	lines = strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "STATE") || !strings.Contains(lines[0], "RESTARTS") ||
		strings.Join(strings.Fields(lines[1]), " ") != "notes 1.0 RUNNING 0 -" {
		t.Errorf("status:\n%s", r.stdout)
	}
	if r.stderr != "[notes] notes starting\n" {
		t.Errorf("status: stderr %q", r.stderr)
	}

	r = corets(t, "remove", "--root", root, "notes").ok(t)
	if r.stdout != "removed notes\n" {
		t.Errorf("remove: stdout %q", r.stdout)
	}
	if _, err := os.Stat(filepath.Join(root, "modules", "notes")); !os.IsNotExist(err) {
		t.Errorf("the module directory is still there: %v", err)
	}
	if r := corets(t, "list", "--root", root).ok(t); !strings.HasPrefix(r.stdout, "no modules installed") {
		t.Errorf("list after remove: %q", r.stdout)
	}
	corets(t, "call", "--root", root, "notes", "all").fails(t, exitNotFound, `module is not installed: "notes"`)
}

func TestInstallErrors(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	corets(t, "install", "--root", root, filepath.Join(t.TempDir(), "absent")).fails(t, exitNotFound, "install ")
	corets(t, "install", "--root", filepath.Join(root, "no-such-root"), root).fails(t, exitNotFound, "app root")
	corets(t, "install").fails(t, exitUsage, "install: expected SRC")

	// a module that does not start is not installed
	bad := writeModule(t, filepath.Join(t.TempDir(), "bad"), "code: bad\n", `export function init() { throw new Error("nope"); }`)
	r := corets(t, "install", "--root", root, bad)
	if r.code != exitException || !strings.Contains(r.stderr, "nope") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(filepath.Join(root, "modules")); len(entries) != 0 {
		t.Errorf("a failed install left %v", entries)
	}
}

func TestInstallUpdateNeedsApproval(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	src := writeModule(t, filepath.Join(t.TempDir(), "notes"), notesManifest, notesMain)
	corets(t, "install", "--root", root, src).ok(t)
	writeFiles(t, src, map[string]string{".core/view.yml": notesManifest + "permissions:\n  net: [\"example.org:443\"]\n"})
	r := corets(t, "install", "--root", root, src)
	if r.code != exitFailed || !strings.Contains(r.stderr, "update needs approval") || !strings.Contains(r.stderr, "+ net: example.org:443") ||
		!strings.HasSuffix(r.stderr, "(run again with --yes to approve)\n") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	corets(t, "install", "--root", root, "--yes", src).ok(t)
}

// TestInstallFromAnotherSource: a module of an installed code from another
// directory replaces it only with --yes, and the refusal names both
// sources.
func TestInstallFromAnotherSource(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	a := writeModule(t, filepath.Join(t.TempDir(), "notes"), notesManifest, notesMain)
	b := writeModule(t, filepath.Join(t.TempDir(), "evil-notes"), notesManifest, notesMain)
	corets(t, "install", "--root", root, a).ok(t)
	corets(t, "install", "--root", root, a).ok(t) // the same source again: no question
	realA, _ := filepath.EvalSymlinks(a)
	realB, _ := filepath.EvalSymlinks(b)
	r := corets(t, "install", "--root", root, b)
	want := "notes is installed from " + realA + "; installing from " + realB + " replaces it"
	if r.code != exitFailed || !strings.Contains(r.stderr, want) || !strings.HasSuffix(r.stderr, "(run again with --yes to approve)\n") {
		t.Errorf("exit %d, stderr:\n%s\nwant it to say %q", r.code, r.stderr, want)
	}
	list := corets(t, "list", "--root", root).ok(t)
	if !strings.Contains(list.stdout, a) || strings.Contains(list.stdout, b) {
		t.Errorf("a refused install changed the list:\n%s", list.stdout)
	}
	corets(t, "install", "--root", root, "--yes", b).ok(t)
	if list := corets(t, "list", "--root", root).ok(t); !strings.Contains(list.stdout, b) {
		t.Errorf("--yes did not install from %s:\n%s", b, list.stdout)
	}
}

func TestAskApproval(t *testing.T) {
	t.Parallel()
	ch := modules.Change{Code: "notes", FromVersion: "1.0", ToVersion: "1.1", Added: map[string][]string{"run": {"git"}}}
	for answer, want := range map[string]bool{"y\n": true, "YES\n": true, "n\n": false, "\n": false, "": false, "maybe\n": false} {
		var errb bytes.Buffer
		c := &cli{stdin: strings.NewReader(answer), stdout: io.Discard, stderr: &errb}
		got, err := c.askApproval(context.Background(), ch)
		if err != nil || got != want {
			t.Errorf("%q: %v, %v", answer, got, err)
		}
		if !strings.Contains(errb.String(), "+ run: git") || !strings.HasSuffix(errb.String(), "Approve? [y/N] ") {
			t.Errorf("%q: asked %q", answer, errb.String())
		}
	}
	if isTerminal(strings.NewReader("")) {
		t.Error("a strings.Reader is not a terminal")
	}
}

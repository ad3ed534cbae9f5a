package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Errors that help, as a user meets them on the command line.

func TestDidYouMean(t *testing.T) {
	t.Parallel()
	r := corets(t, "chek", "x")
	if r.code != exitUsage || !strings.HasPrefix(r.stderr, `corets-wasm: unknown command "chek" (did you mean "check"?)`+"\n") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "x.ts", "--timout", "1s"}, "flag provided but not defined: --timout (did you mean --timeout?)"},
		{[]string{"run", "x.ts", "--cal", "f"}, "(did you mean --call?)"},
		{[]string{"call", "a", "b", "--jsno"}, "(did you mean --json?)"},
		{[]string{"list", "--rot", "."}, "(did you mean --root?)"},
		{[]string{"run", "--timeout", "1x", "x.ts"}, `invalid value "1x" for flag --timeout: not a duration: give one like 500ms, 5s, 1m or 1h30m`},
	} {
		corets(t, tc.args...).fails(t, exitUsage, tc.want)
	}
	// nothing near: no guess
	if r := corets(t, "frobnicate"); strings.Contains(r.stderr, "did you mean") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if r := corets(t, "run", "x.ts", "--zzzzzz"); strings.Contains(r.stderr, "did you mean") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	// an installed module's code
	root := t.TempDir()
	corets(t, "install", "--root", root, writeModule(t, filepath.Join(t.TempDir(), "notes"), "code: notes\n", "export function all() { return []; }")).ok(t)
	corets(t, "call", "--root", root, "note", "all").fails(t, exitNotFound, `module is not installed: "note" (did you mean "notes"?)`)
	corets(t, "call", "--root", root, "notes", "al").fails(t, exitNotFound, `module "notes" has no export "al" (its exports: all) (did you mean "all"?)`)
	corets(t, "call", "--root", root, "notes", "zzzz").fails(t, exitNotFound, `module "notes" has no export "zzzz" (its exports: all)`)
}

func TestEditDistance(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"chek", "check", 1}, {"cehck", "check", 1}, {"stauts", "status", 1}, {"abc", "xyz", 3}, {"run", "", 3}} {
		if got := editDistance(tc.a, tc.b); got != tc.d {
			t.Errorf("%q %q: %d, want %d", tc.a, tc.b, got, tc.d)
		}
	}
	if got := editDistance(strings.Repeat("a", 100000), "run"); got < 3 {
		t.Errorf("a long name: %d", got)
	}
}

// A file inside a module runs as the module when it is the entry, and
// otherwise as a single file with a note saying so.
func TestRunFileOfModule(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"m/.core/view.yml": "code: m\nmain: src/app.ts\npermissions:\n  read: [\"./data/\"]\n",
		"m/src/app.ts":     `export async function f() { return await core.fileRead("data/x.txt"); }`,
		"m/src/other.ts":   `export async function f() { return await core.fileRead("data/x.txt"); }`,
		"data/x.txt":       "granted",
	})
	entry, other := filepath.Join(dir, "m", "src", "app.ts"), filepath.Join(dir, "m", "src", "other.ts")
	if r := corets(t, "run", "--root", dir, entry, "--call", "f").ok(t); r.stdout != "\"granted\"\n" || r.stderr != "" {
		t.Errorf("the entry: stdout %q stderr %q", r.stdout, r.stderr)
	}
	r := corets(t, "run", "--root", dir, other, "--call", "f")
	if r.code != exitPermission || !strings.HasPrefix(r.stderr, "corets-wasm: note: "+other+` is a file of module "m" (`) ||
		!strings.Contains(r.stderr, "but not its entry; it runs as a single file, without the module's permissions") {
		t.Errorf("another file: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	// check does the same
	if r := corets(t, "check", "--types", "off", entry).ok(t); !strings.HasPrefix(r.stdout, "ok: m (") || r.stderr != "" {
		t.Errorf("check the entry: stdout %q stderr %q", r.stdout, r.stderr)
	}
	if r := corets(t, "check", other).ok(t); !strings.HasPrefix(r.stdout, "ok: other (") || !strings.Contains(r.stderr, "but not its entry") {
		t.Errorf("check another file: stdout %q stderr %q", r.stdout, r.stderr)
	}
	// a broken manifest above: said, and the file runs alone
	bad := writeFiles(t, t.TempDir(), map[string]string{".core/view.yml": "code: Bad\n", "main.ts": "export const x = 1;"})
	r = corets(t, "run", filepath.Join(bad, "main.ts")).ok(t)
	if !strings.Contains(r.stderr, "whose manifest does not read") {
		t.Errorf("stderr %q", r.stderr)
	}
	// a file in no module: as before, no note
	if r := corets(t, "run", filepath.Join(writeFiles(t, t.TempDir(), map[string]string{"s.ts": "export const x = 1;"}), "s.ts")).ok(t); r.stderr != "" {
		t.Errorf("stderr %q", r.stderr)
	}
}

// Imports: a package missing from node_modules, or linked into it from
// outside the module.
func TestImportAdvice(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	miss := writeModule(t, filepath.Join(dir, "miss"), "code: miss\n", `import pad from "left-pad"; export const x = pad;`)
	r := corets(t, "check", miss)
	if r.code != exitBuild || strings.Contains(r.stderr, "as external to exclude") ||
		!strings.Contains(r.stderr, `install the package inside the module (npm install left-pad, in the module directory), or reach what it does through a core.* capability`) {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if runtime.GOOS == "windows" {
		return // symlinks: see bundleSymlink
	}
	outside := writeFiles(t, filepath.Join(dir, "shared", "pkg"), map[string]string{"package.json": `{"name":"pkg","main":"index.js"}`, "index.js": "export const v = 1;"})
	linked := writeModule(t, filepath.Join(dir, "linked"), "code: linked\n", `import { v } from "pkg"; export function f() { return v; }`)
	os.MkdirAll(filepath.Join(linked, "node_modules"), 0o755)
	if err := os.Symlink(outside, filepath.Join(linked, "node_modules", "pkg")); err != nil {
		t.Skip(err)
	}
	r = corets(t, "run", linked, "--call", "f")
	if r.code != exitBuild || !strings.Contains(r.stderr, "node_modules/pkg is a symlink to ../shared/pkg, outside the module") ||
		!strings.Contains(r.stderr, "install the package inside the module (npm install --install-links") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

// A refusal for a granted host on another port names the host:port to
// grant.
func TestNetPortRefusal(t *testing.T) {
	t.Parallel()
	mod := writeModule(t, filepath.Join(t.TempDir(), "n"), "code: n\npermissions:\n  net: [\"127.0.0.1:8080\"]\n",
		`export async function f(u: string) { return (await fetch(u)).status; }`)
	corets(t, "run", mod, "--call", "f", "--input", `"http://127.0.0.1:9090/x"`, "--quiet").fails(t, exitPermission,
		`port 9090 is not granted for 127.0.0.1 (granted: 8080)`, `(grant "127.0.0.1:9090" in permissions.net in .core/view.yml)`)
}

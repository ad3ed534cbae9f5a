package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/manifest"
	"github.com/corets/corets-wasm/modules"
)

func TestInitThenRun(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "My Greeter")
	r := corets(t, "init", dir).ok(t)
	for _, want := range []string{`Created module "my-greeter"`, "main.ts", "core.d.ts", "corets-wasm run "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("init says:\n%s\nwithout %q", r.stdout, want)
		}
	}
	m, err := manifest.Load(dir, manifest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Code != "my-greeter" || m.Name != "My Greeter" || m.Version != "0.1.0" || m.Main != "main.ts" {
		t.Errorf("manifest %+v", m)
	}
	for _, key := range []string{"read", "write", "net", "run", "store"} {
		if len(m.Permissions.List(key)) != 0 {
			t.Errorf("permissions.%s is not empty", key)
		}
	}
	d, err := os.ReadFile(filepath.Join(dir, "core.d.ts"))
	if err != nil || string(d) != modules.Declarations() {
		t.Errorf("core.d.ts differs from modules.Declarations(): %v", err)
	}
	if ts, err := os.ReadFile(filepath.Join(dir, "tsconfig.json")); err != nil || !strings.Contains(string(ts), `"strict": true`) {
		t.Errorf("tsconfig.json: %v\n%s", err, ts)
	}

	r = corets(t, "run", dir, "--call", "hello", "--input", `{"name":"ada"}`).ok(t)
	if want := "{\n  \"greeting\": \"Hello, ada!\"\n}\n"; r.stdout != want || r.stderr != "my-greeter 0.1.0 is ready\n" {
		t.Errorf("run: stdout %q, want %q; stderr %q", r.stdout, want, r.stderr)
	}
	r = corets(t, "run", dir, "--call", "hello").ok(t)
	if !strings.Contains(r.stdout, `"greeting": "Hello, world!"`) {
		t.Errorf("run without input: stdout %q", r.stdout)
	}
	corets(t, "check", dir).ok(t)
}

func TestInitRefusesNonEmpty(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, t.TempDir(), map[string]string{"main.ts": "// mine\n", "notes.txt": "keep"})
	corets(t, "init", dir).fails(t, exitFailed, "is not empty", "--force")
	if b, _ := os.ReadFile(filepath.Join(dir, "main.ts")); string(b) != "// mine\n" {
		t.Errorf("main.ts was overwritten")
	}
	corets(t, "init", "--force", dir).ok(t)
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "keep" {
		t.Errorf("--force touched another file")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "main.ts")); !strings.Contains(string(b), "export function hello") {
		t.Errorf("--force did not write main.ts")
	}
	corets(t, "init", filepath.Join(t.TempDir(), "---")).fails(t, exitFailed, "cannot make a module code")
}

func TestCodeFromName(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"hello":                 "hello",
		"My Module":             "my-module",
		"Über_Tool.v2":          "ber_tool-v2",
		"__private":             "private",
		"---":                   "",
		"日本":                    "",
		strings.Repeat("a", 80): strings.Repeat("a", 64),
	} {
		if got := codeFromName(name); got != want {
			t.Errorf("codeFromName(%q) = %q, want %q", name, got, want)
		}
	}
}

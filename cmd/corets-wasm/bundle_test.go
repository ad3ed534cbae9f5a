package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBundle(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mod := writeModule(t, filepath.Join(dir, "b"), "code: b\n", `export function hi(): string { return "hi"; }`)
	r := corets(t, "bundle", mod).ok(t)
	if !strings.Contains(r.stdout, "export {") || !strings.Contains(r.stdout, `"hi"`) || !strings.HasSuffix(r.stdout, "\n") {
		t.Errorf("stdout:\n%s", r.stdout)
	}

	out, sm := filepath.Join(dir, "out", "b.js"), filepath.Join(dir, "out", "b.js.map")
	os.MkdirAll(filepath.Dir(out), 0o755)
	r = corets(t, "bundle", mod, "--out", out, "--sourcemap", sm).ok(t)
	if r.stdout != "" {
		t.Errorf("stdout %q with --out", r.stdout)
	}
	code, err := os.ReadFile(out)
	if err != nil || !strings.HasSuffix(string(code), "//# sourceMappingURL=b.js.map\n") {
		t.Errorf("bundle file: %v\n%s", err, code)
	}
	var m struct {
		Version int      `json:"version"`
		Sources []string `json:"sources"`
	}
	data, err := os.ReadFile(sm)
	if err != nil || json.Unmarshal(data, &m) != nil || m.Version != 3 || len(m.Sources) != 1 || m.Sources[0] != "main.ts" {
		t.Errorf("source map: %v %+v", err, m)
	}

	broken := writeModule(t, filepath.Join(dir, "broken"), "code: broken\n", "export const = ;\n")
	r = corets(t, "bundle", broken)
	if r.code != exitBuild || r.stdout != "" || !strings.Contains(r.stderr, "broken/main.ts:1:") || !strings.Contains(r.stderr, "[ERROR]") {
		t.Errorf("exit %d\nstdout %q\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	corets(t, "bundle", filepath.Join(dir, "nothing")).fails(t, exitNotFound, "nothing")
}

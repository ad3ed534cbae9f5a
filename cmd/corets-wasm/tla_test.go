package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// A single file with top-level await, run from the command line: the load
// waits for it, the call sees what it awaited, and a failure after an await
// is the load's, with the stack in the file's lines.
func TestRunTopLevelAwait(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"tla.ts": `const greeting: string = await new Promise((r) => setTimeout(r, 10, "hello"));
console.log("loaded", import.meta.url);
export const greet = (name: string) => greeting + " " + name;
`,
		"late.ts": `console.log("before");
await null;

throw new TypeError("no settings");
`,
		"forever.ts": `setInterval(() => {}, 50);
await new Promise(() => {});
`,
	})
	r := corets(t, "run", filepath.Join(dir, "tla.ts"), "--call", "greet", "--input", `"ada"`).ok(t)
	if r.stdout != "\"hello ada\"\n" || r.stderr != "loaded file:///tla.ts\n" {
		t.Errorf("stdout %q stderr %q", r.stdout, r.stderr)
	}
	r = corets(t, "run", filepath.Join(dir, "late.ts"))
	if r.code != exitException || r.stdout != "before\n" ||
		!strings.HasPrefix(r.stderr, "corets-wasm: load late: TypeError: no settings\n    at <anonymous> (late.ts:4:") {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
	}
	r = corets(t, "run", filepath.Join(dir, "forever.ts"), "--timeout", "300ms")
	if r.code == 0 || !strings.Contains(r.stderr, "timeout") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The happy path of call is in TestInstallListCallStatusRemove.

func TestCallErrors(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	src := writeModule(t, filepath.Join(t.TempDir(), "calc"), "code: calc\n", `export function div(p: { a: number; b: number }) {
  if (p.b === 0) throw new RangeError("division by zero");
  return p.a / p.b;
}
export function spin() { for (;;) {} }
`)
	corets(t, "install", "--root", root, src).ok(t)
	if r := corets(t, "call", "--root", root, "calc", "div", `{"a": 9, "b": 3}`).ok(t); r.stdout != "3\n" {
		t.Errorf("stdout %q", r.stdout)
	}
	r := corets(t, "call", "--root", root, "calc", "div", `{"a": 1, "b": 0}`)
	if r.code != exitException || !strings.HasPrefix(r.stderr, "corets-wasm: calc.div: RangeError: division by zero\n    at div (main.ts:2:") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	corets(t, "call", "--root", root, "--fuel", "1000", "calc", "spin").fails(t, exitFuel, "calc.spin: fuel exhausted", "raise --fuel")
	corets(t, "call", "--root", root, "calc", "div", "{nope").fails(t, exitUsage, "not valid JSON")
	corets(t, "call", "--root", root, "ghost", "f").fails(t, exitNotFound, `module is not installed: "ghost"`)
	corets(t, "call", "--root", root, "calc", "div", "1", "2").fails(t, exitUsage, `unexpected argument "2"`)
}

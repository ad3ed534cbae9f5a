//go:build linux

package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// On a terminal the command's markers are coloured, and only they: what
// follows is escaped as ever. NO_COLOR and TERM=dumb turn colours off, and
// a pipe never gets them.
func TestColorOnTerminalOnly(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	mod, err := filepath.Abs(filepath.Join("..", "..", "testdata", "hostile", "console-escapes"))
	if err != nil {
		t.Fatal(err)
	}
	good := writeModule(t, filepath.Join(t.TempDir(), "good"), "code: good\n", "export const x = 1;\n")

	_, stderr, exit := runOnTerminalEnv(t, []string{"TERM=xterm-256color", "NO_COLOR="}, bin, "run", mod, "--call", "fail")
	// the module's console (on stderr with --call) comes first, escaped
	marker := sgrError + "corets-wasm:" + sgrReset + " console-escapes.fail: Error: "
	at := strings.Index(stderr, marker)
	if exit != exitException || at < 0 {
		t.Fatalf("exit %d, stderr %q", exit, stderr)
	}
	if bad := actedOn(stderr[:at]); len(bad) > 0 {
		t.Errorf("the console's lines acted on the terminal: %v:\n%q", bad, stderr[:at])
	}
	rest := strings.TrimPrefix(stderr[at:], sgrError+"corets-wasm:"+sgrReset)
	if bad := actedOn(rest); len(bad) > 0 {
		t.Errorf("after the marker the terminal received %v:\n%q", bad, rest)
	}
	stdout, _, exit := runOnTerminalEnv(t, []string{"TERM=xterm", "NO_COLOR="}, bin, "check", "--types", "off", good)
	if exit != 0 || !strings.HasPrefix(stdout, sgrOK+"ok:"+sgrReset+" good (1 input, ") {
		t.Errorf("check: exit %d, stdout %q", exit, stdout)
	}
	for _, env := range [][]string{{"TERM=xterm", "NO_COLOR=1"}, {"TERM=dumb", "NO_COLOR="}} {
		_, stderr, _ := runOnTerminalEnv(t, env, bin, "run", mod, "--call", "fail")
		if bad := actedOn(stderr); len(bad) > 0 {
			t.Errorf("%v: the terminal received %v", env, bad)
		}
	}
	// a pipe: no colours whatever the environment says
	if r := corets(t, "check", "--types", "off", good); strings.Contains(r.stdout, "\x1b") {
		t.Errorf("a pipe got colours: %q", r.stdout)
	}
}

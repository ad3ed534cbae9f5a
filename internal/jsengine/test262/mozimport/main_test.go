package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, root, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A miniature of Mozilla's tree, made as test262-update.py makes it, must
// come back as the original files.
func TestRoundTrip(t *testing.T) {
	src, out := t.TempDir(), filepath.Join(t.TempDir(), "t262")
	const plain = "// Copyright\n/*---\ndescription: x\n---*/\nassert(true);\n"
	const onlyStrict = "/*---\nflags: [onlyStrict]\n---*/\nvar x;\n"
	const negative = "/*---\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/\n$DONOTEVALUATE();\n"
	const raw = "/*---\nflags: [raw]\n---*/\nwith (a) {}\n"
	const fixture = "export var x;\n"
	const assertJS = "function assert() {}\n// a comment\n"
	const staJS = "function Test262Error() {}\n"
	write(t, src, "GIT-INFO", "commit abc\n")
	write(t, src, "LICENSE", "license\n")
	write(t, src, "jstests.list", "skip script x.js\n")
	write(t, src, "shell.js", "// GENERATED, DO NOT EDIT\n// file: assert.js\n"+assertJS+"\n// file: sta.js\n"+staJS+"\n// file: test262-host.js\nmozilla();\n")
	write(t, src, "browser.js", "")
	write(t, src, "built-ins/A/plain.js", "// |reftest| skip-if(x) -- y\n"+plain+"\nreportCompare(0, 0);\n")
	write(t, src, "built-ins/A/strict-strict.js", "'use strict';\n"+onlyStrict+"\nreportCompare(0, 0);\n")
	write(t, src, "built-ins/A/neg.js", "// |reftest| error:SyntaxError\n"+negative)
	write(t, src, "built-ins/A/raw.js", raw+"\nreportCompare(0, 0);\n")
	write(t, src, "built-ins/A/m_FIXTURE.js", "// |reftest| skip -- not a test file\n"+fixture)
	write(t, src, "built-ins/A/data_FIXTURE.json", "{}\n")
	write(t, src, "built-ins/A/shell.js", "// GENERATED, DO NOT EDIT\n// file: sta.js\n"+staJS)
	write(t, src, "prs/1/x.js", "pr\n")
	st, err := run(src, out)
	if err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]string{
		"test/built-ins/A/plain.js":          plain,
		"test/built-ins/A/strict.js":         onlyStrict,
		"test/built-ins/A/neg.js":            negative,
		"test/built-ins/A/raw.js":            raw,
		"test/built-ins/A/m_FIXTURE.js":      fixture,
		"test/built-ins/A/data_FIXTURE.json": "{}\n",
		"harness/assert.js":                  assertJS,
		"harness/sta.js":                     staJS,
		"GIT-INFO":                           "commit abc\n",
	} {
		if got := read(t, out, rel); got != want {
			t.Errorf("%s = %q, want %q", rel, got, want)
		}
	}
	if !strings.Contains(read(t, out, "harness/doneprintHandle.js"), "Test262:AsyncTestComplete") {
		t.Error("doneprintHandle.js missing")
	}
	for _, rel := range []string{"harness/test262-host.js", "test/prs", "test/jstests.list", "test/shell.js", "test/built-ins/A/shell.js", "test/built-ins/A/strict-strict.js"} {
		if _, err := os.Stat(filepath.Join(out, rel)); err == nil {
			t.Errorf("%s must not be written", rel)
		}
	}
	if st.tests != 4 || st.fixtures != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestRejects(t *testing.T) {
	src := t.TempDir()
	write(t, src, "GIT-INFO", "x")
	write(t, src, "LICENSE", "x")
	// two shell.js files disagreeing about one harness file
	write(t, src, "shell.js", "// GENERATED, DO NOT EDIT\n// file: a.js\none\n")
	write(t, src, "b/shell.js", "// GENERATED, DO NOT EDIT\n// file: a.js\ntwo\n")
	if _, err := run(src, filepath.Join(t.TempDir(), "o")); err == nil || !strings.Contains(err.Error(), "differs") {
		t.Errorf("got %v, want a harness conflict", err)
	}
	if _, err := run(t.TempDir(), filepath.Join(t.TempDir(), "o")); err == nil || !strings.Contains(err.Error(), "GIT-INFO") {
		t.Errorf("got %v, want not-Mozilla's-directory", err)
	}
	out := t.TempDir()
	write(t, out, "x", "")
	if _, err := run(src, out); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("got %v, want a refusal to write into a non-empty directory", err)
	}
}

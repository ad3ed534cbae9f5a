package main

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const sampleErrors = `# Known failures
# second header line

# Atomics is off
test/built-ins/Atomics/add/x.js:16: ReferenceError: 'Atomics' is not defined
test/built-ins/Atomics/add/x.js:16: strict mode: ReferenceError: 'Atomics' is not defined

# template objects
# (a reason over two lines)
test/language/t.js:0: Test262Error: descriptor should not be writable
`

func TestReadWriteErrors(t *testing.T) {
	ef, err := ReadErrors(strings.NewReader(sampleErrors), "errors.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ef.Header, []string{"Known failures", "second header line"}) {
		t.Errorf("header %q", ef.Header)
	}
	if len(ef.Groups) != 2 || ef.Groups[1].Reason != "template objects (a reason over two lines)" {
		t.Fatalf("groups %+v", ef.Groups)
	}
	k := ef.Known()
	f, ok := k["test/built-ins/Atomics/add/x.js strict"]
	if !ok || !f.Strict || f.Line != 16 || f.Message != "ReferenceError: 'Atomics' is not defined" || f.Reason != "Atomics is off" {
		t.Errorf("strict entry %+v", f)
	}
	if _, ok := k["test/built-ins/Atomics/add/x.js"]; !ok {
		t.Error("sloppy entry missing")
	}
	var b strings.Builder
	if err := ef.Write(&b); err != nil {
		t.Fatal(err)
	}
	again, err := ReadErrors(strings.NewReader(b.String()), "again")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Known(), k) {
		t.Errorf("round trip changed the entries:\n%s", b.String())
	}
}

func TestReadErrorsRejects(t *testing.T) {
	for name, text := range map[string]string{
		"no reason":    "test/a.js:1: Error: x\n",
		"no line":      "# r\ntest/a.js: Error: x\n",
		"no path":      "# r\nsomething odd\n",
		"listed twice": "# r\ntest/a.js:1: Error: x\n\n# s\ntest/a.js:2: Error: y\n",
	} {
		if _, err := ReadErrors(strings.NewReader(text), "errors.txt"); err == nil {
			t.Errorf("%s: no error", name)
		} else if !strings.Contains(err.Error(), "errors.txt:") {
			t.Errorf("%s: error %q does not name the file and line", name, err)
		}
	}
}

func TestUpdated(t *testing.T) {
	ef, err := ReadErrors(strings.NewReader(sampleErrors), "errors.txt")
	if err != nil {
		t.Fatal(err)
	}
	now := []Failure{
		{Path: "test/built-ins/Atomics/add/x.js", Line: 17, Message: "ReferenceError: moved"}, // still fails, new line
		{Path: "test/new.js", Line: 3, Message: "TypeError: new"},                             // new
	}
	ran := func(key string) bool { return key != "test/language/t.js" } // t.js not run this time
	up := ef.Updated(now, ran, func(Failure) string { return "new reason" })
	k := up.Known()
	if len(k) != 3 {
		t.Fatalf("entries %v", k)
	}
	if f := k["test/built-ins/Atomics/add/x.js"]; f.Line != 17 || f.Reason != "Atomics is off" {
		t.Errorf("kept entry %+v", f)
	}
	if _, ok := k["test/built-ins/Atomics/add/x.js strict"]; ok {
		t.Error("a fixed failure must go")
	}
	if f := k["test/language/t.js"]; f.Reason == "" {
		t.Error("an entry whose run was not made must stay")
	}
	if f := k["test/new.js"]; f.Reason != "new reason" {
		t.Errorf("new entry %+v", f)
	}
}

func TestParseFailure(t *testing.T) {
	f, err := ParseFailure("test/a/b.js:0: strict mode: unexpected error type: Test262Error: x: y")
	if err != nil {
		t.Fatal(err)
	}
	if f != (Failure{Path: "test/a/b.js", Line: 0, Strict: true, Message: "unexpected error type: Test262Error: x: y"}) {
		t.Errorf("%+v", f)
	}
	if f.String() != "test/a/b.js:0: strict mode: unexpected error type: Test262Error: x: y" {
		t.Errorf("String() = %q", f.String())
	}
}

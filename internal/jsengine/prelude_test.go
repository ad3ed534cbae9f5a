package jsengine

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// preludeCase is one check of a web API: a script evaluated (and awaited)
// in an instance of its own, the JSON of its completion value and, if out is
// set, the console output it must print ("level: text" lines).
type preludeCase struct {
	name string
	code string
	want string
	out  string
	// memory, if set, is the case's MemoryLimit: the large round trips hold
	// four 16 MiB copies at once, close to the default 64 MiB
	memory uint64
}

// runPreludeCases runs a web API's table (prelude_API_test.go, one per part).
// Each case gets a fresh instance, so it cannot see what another changed.
func runPreludeCases(t *testing.T, cases []preludeCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, out := newInstance(t, InstanceConfig{MemoryLimit: c.memory}, "")
			if got := eval(t, in, c.code); got != c.want {
				t.Errorf("%s\n got: %s\nwant: %s", c.code, got, c.want)
			}
			if c.out != "" {
				if got := out.String(); got != c.out {
					t.Errorf("%s printed\n%s\nwant\n%s", c.code, got, c.out)
				}
			}
		})
	}
}

// TestPreludePartsHaveTests: every web API part has its test file,
// prelude_NAME_test.go for prelude/NN-NAME.js (dashes dropped).
func TestPreludePartsHaveTests(t *testing.T) {
	for _, p := range preludeParts {
		base := strings.TrimSuffix(p.name[len("prelude/NN-"):], ".js")
		if base == "core" {
			continue // the shared scope: TestPreludeScopeIsPrivate and the parts' tests
		}
		file := "prelude_" + strings.ReplaceAll(base, "-", "") + "_test.go"
		if _, err := os.Stat(file); err != nil {
			t.Errorf("%s has no tests: want %s", p.name, file)
		}
	}
}

var preludeFileName = regexp.MustCompile(`^[0-9]{2}-[a-z][a-z0-9-]*\.js$`)

// TestPreludeParts checks the order the parts are joined in: the shared
// scope first, the globals last, every file named NN-api.js and saying what
// it is on its first line.
func TestPreludeParts(t *testing.T) {
	entries, err := fs.ReadDir(preludeFiles, "prelude")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !preludeFileName.MatchString(e.Name()) {
			t.Errorf("prelude/%s: want NN-name.js (NN orders the join)", e.Name())
		}
		names = append(names, "prelude/"+e.Name())
		src, _ := preludeFiles.ReadFile("prelude/" + e.Name())
		if !strings.HasPrefix(string(src), "// ") {
			t.Errorf("prelude/%s does not start with a comment saying what it is", e.Name())
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("parts not in name order: %v", names)
	}
	if len(names) < 2 || names[0] != "prelude/00-core.js" || names[len(names)-1] != "prelude/99-globals.js" {
		t.Fatalf("the prelude must start with 00-core.js and end with 99-globals.js: %v", names)
	}
	var got []string
	for _, p := range preludeParts {
		got = append(got, p.name)
	}
	if !slices.Equal(got, names) {
		t.Errorf("joined %v, the directory holds %v", got, names)
	}
	// The directive must open the function's body for every part to be strict.
	core, _ := preludeFiles.ReadFile("prelude/00-core.js")
	for _, line := range strings.Split(string(core), "\n") {
		if !strings.HasPrefix(line, "//") {
			if strings.TrimSpace(line) != "'use strict';" {
				t.Errorf("00-core.js's first statement is %q, not 'use strict'", line)
			}
			break
		}
	}
	if !strings.HasPrefix(preludeSource, preludeHead) || !strings.HasSuffix(preludeSource, preludeTail) {
		t.Error("the joined prelude is not wrapped in its function")
	}
}

// topLevelDecl finds the declarations of a part's shared scope (indented
// once, as the parts are function bodies).
var topLevelDecl = regexp.MustCompile(`(?m)^  (?:const|let|var|function\*?|class) ([A-Za-z_$][A-Za-z0-9_$]*)`)

// TestPreludeScopeIsPrivate checks that no part's private helper is visible
// to module code: only the globals 99-globals.js defines are.
func TestPreludeScopeIsPrivate(t *testing.T) {
	var helpers []string
	for _, p := range preludeParts {
		src, err := preludeFiles.ReadFile(p.name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range topLevelDecl.FindAllStringSubmatch(string(src), -1) {
			helpers = append(helpers, m[1])
		}
	}
	if len(helpers) < 50 {
		t.Fatalf("found only %d top-level declarations: the pattern no longer fits the parts", len(helpers))
	}
	globalsSrc, _ := preludeFiles.ReadFile("prelude/99-globals.js")
	var globals []string
	for _, m := range regexp.MustCompile(`define(?:Global|Lazy)\('([A-Za-z]+)'`).FindAllStringSubmatch(string(globalsSrc), -1) {
		globals = append(globals, m[1])
	}
	in, _ := newInstance(t, InstanceConfig{}, "")
	list, _ := json.Marshal(helpers)
	var visible []string
	if err := json.Unmarshal([]byte(eval(t, in, `(function () {
		const seen = [];
		for (const name of `+string(list)+`) {
			try { (0, eval)(name); seen.push(name); } catch (e) { if (!(e instanceof ReferenceError)) throw e; }
		}
		return seen;
	})()`)), &visible); err != nil {
		t.Fatal(err)
	}
	for _, name := range visible {
		if !slices.Contains(globals, name) {
			t.Errorf("the prelude's %s is visible to module code", name)
		}
	}
}

// TestPreludePositions checks that the host's stacks name the prelude's
// frames by part and line, and that the line is the one that threw.
func TestPreludePositions(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, "")
	_, err := in.Eval(context.Background(), `new URL("no scheme")`)
	var ex *Exception
	if !errors.As(err, &ex) {
		t.Fatalf("got %v, want an Exception", err)
	}
	m := regexp.MustCompile(`at URL \((prelude/[0-9a-z-]+\.js):([0-9]+):[0-9]+\)`).FindStringSubmatch(ex.Stack)
	if m == nil {
		t.Fatalf("no URL frame in a prelude part:\n%s", ex.Stack)
	}
	src, err := preludeFiles.ReadFile(m[1])
	if err != nil {
		t.Fatal(err)
	}
	line, _ := strconv.Atoi(m[2])
	lines := strings.Split(string(src), "\n")
	if m[1] != "prelude/60-url.js" || line < 1 || line > len(lines) || !strings.Contains(lines[line-1], "invalidURL(") {
		t.Errorf("the URL frame points at %s:%d, not at the throw of invalidURL", m[1], line)
	}
	if strings.Contains(ex.Stack, preludeName+":") {
		t.Errorf("a frame kept the joined script's position:\n%s", ex.Stack)
	}
	// The guest's own stack keeps QuickJS's form.
	if got := eval(t, in, `try { new URL("no scheme") } catch (e) { /\(prelude\.js:\d+:\d+\)/.test(e.stack) }`); got != "true" {
		t.Errorf("err.stack in the guest: %s", got)
	}
}

func TestPreludePositionsOutsideParts(t *testing.T) {
	for in, want := range map[string]string{
		"at f (prelude.js:1:5)":       "at f (prelude.js:1:5)", // the wrapper's own line
		"at f (main.js:10:5)":         "at f (main.js:10:5)",
		"at f (myprelude.js:10:5)":    "at f (myprelude.js:10:5)",
		"at f (prelude.js:999999:1)":  "at f (prelude/99-globals.js:" + strconv.Itoa(999999-preludeParts[len(preludeParts)-1].first+1) + ":1)",
		"at f (prelude.js:2)":         "at f (prelude/00-core.js:1)",
		"at <anonymous> (prelude.js)": "at <anonymous> (prelude.js)",
	} {
		if got := preludePositions(in); got != want {
			t.Errorf("preludePositions(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPreludeAgreesWithHost ties what the prelude and the host both spell:
// the timer limit, which the prelude enforces before the host has to, and
// the names of the built-in host functions it looks up.
func TestPreludeAgreesWithHost(t *testing.T) {
	timers, err := preludeFiles.ReadFile("prelude/20-timers.js")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`const MAX_TIMERS = ([0-9]+);`).FindSubmatch(timers)
	if m == nil {
		t.Fatal("20-timers.js no longer defines MAX_TIMERS")
	}
	if n, _ := strconv.Atoi(string(m[1])); n != maxTimers {
		t.Errorf("the prelude's MAX_TIMERS is %d, the host's maxTimers %d", n, maxTimers)
	}
	var builtins []string
	for _, f := range builtinFuncs() {
		builtins = append(builtins, f.Name)
	}
	var looked []string
	for _, m := range regexp.MustCompile(`host\.lookup\('([a-z.]+)'\)`).FindAllStringSubmatch(preludeSource, -1) {
		looked = append(looked, m[1])
	}
	slices.Sort(builtins)
	slices.Sort(looked)
	if !slices.Equal(builtins, looked) {
		t.Errorf("the prelude looks up %v, the host's built-ins are %v", looked, builtins)
	}
}

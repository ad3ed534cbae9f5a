package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
	"github.com/corets/corets-wasm/modules"
)

// jsonError is the documented shape of an error with --json.
type jsonError struct {
	Error struct {
		Kind      string   `json:"kind"`
		ExitCode  int      `json:"exit_code"`
		Message   string   `json:"message"`
		Module    string   `json:"module"`
		File      string   `json:"file"`
		Line      int      `json:"line"`
		Column    int      `json:"column"`
		Stack     []string `json:"stack"`
		Available []string `json:"available"`
	} `json:"error"`
	Result json.RawMessage `json:"result"` // a call's, when the module failed after it
}

// decodeOne decodes stdout as exactly one JSON value into v.
func decodeOne(t *testing.T, stdout string, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("stdout is not the documented JSON: %v\n%s", err, stdout)
	}
	if dec.More() {
		t.Fatalf("stdout holds more than one JSON value:\n%s", stdout)
	}
}

const scriptTS = `console.log("top level");
export function init() { console.log("init"); }
export function ok(n: number) { console.log("in ok"); return { twice: 2 * n }; }
export function boom() { throw new RangeError("bad input"); }
export function spin() { for (;;) {} }
export function bomb() { const a: string[] = []; for (let i = 0; ; i++) a.push("x".repeat(4096) + i); }
export function deep(): number { return deep() + 1; }
export async function read() { return await core.fileRead("secret.txt"); }
export function later() { setTimeout(() => { throw new TypeError("late failure"); }, 5); return "returned"; }
export function laterDeep() { setTimeout(() => deep(), 5); return "returned"; }
export function rejectLater() { Promise.reject(new Error("nobody awaits")); return "returned"; }
export function spinLater() { setTimeout(() => { for (;;) {} }, 5); return "returned"; }
`

func writeScript(t *testing.T) string {
	t.Helper()
	return filepath.Join(writeFiles(t, t.TempDir(), map[string]string{"script.ts": scriptTS}), "script.ts")
}

// Every kind of failure has its exit status, the same with --json, whose
// stdout is then one object saying the kind, the status and where.
func TestExitStatusPerKind(t *testing.T) {
	t.Parallel()
	f := writeScript(t)
	root := t.TempDir()
	mod := writeModule(t, filepath.Join(t.TempDir(), "bad"), "code: Bad\n", "export {};")
	broken := writeModule(t, filepath.Join(t.TempDir(), "broken"), "code: broken\n", "export const = ;\n")
	for _, tc := range []struct {
		name string
		args []string
		kind string
		code int
		file string
		line int
	}{
		{"usage", []string{"run", f, "--bogus"}, "usage", exitUsage, "", 0},
		{"usage after parsing", []string{"run", f, "--input", "1"}, "usage", exitUsage, "", 0},
		{"config", []string{"run", mod}, "config", exitConfig, filepath.Join(mod, ".core", "view.yml"), 1},
		{"build", []string{"check", broken}, "build", exitBuild, filepath.ToSlash(broken) + "/main.ts", 1},
		{"no such file", []string{"run", f + ".nope"}, "not_found", exitNotFound, "", 0},
		{"no such export", []string{"run", f, "--call", "nope"}, "not_found", exitNotFound, "", 0},
		{"not installed", []string{"call", "--root", root, "ghost", "f"}, "not_found", exitNotFound, "", 0},
		{"permission", []string{"run", f, "--call", "read"}, "permission", exitPermission, "script.ts", 8},
		{"exception", []string{"run", f, "--call", "boom"}, "exception", exitException, "script.ts", 4},
		{"stack overflow", []string{"run", f, "--call", "deep"}, "exception", exitException, "script.ts", 7},
		{"fuel", []string{"run", f, "--call", "spin", "--fuel", "10000"}, "fuel", exitFuel, "", 0},
		{"memory", []string{"run", f, "--call", "bomb", "--memory", "8MiB"}, "memory", exitMemory, "", 0},
		{"timeout", []string{"run", f, "--call", "spin", "--timeout", "100ms"}, "timeout", exitTimeout, "", 0},
		{"uncaught in a timer", []string{"run", f, "--call", "later"}, "exception", exitException, "script.ts", 9},
	} {
		r := corets(t, append(tc.args, "--quiet")...)
		if tc.args[0] == "check" {
			r = corets(t, tc.args...)
		}
		if r.code != tc.code {
			t.Errorf("%s: exit %d, want %d\nstderr:\n%s", tc.name, r.code, tc.code, r.stderr)
		}
		r = corets(t, append(tc.args, "--json")...)
		if r.code != tc.code {
			t.Errorf("%s --json: exit %d, want %d", tc.name, r.code, tc.code)
		}
		var je jsonError
		decodeOne(t, r.stdout, &je)
		if want := map[bool]string{true: `"returned"`}[tc.name == "uncaught in a timer"]; string(je.Result) != want {
			t.Errorf("%s: result %s, want %s", tc.name, je.Result, want)
		}
		e := je.Error
		if e.Kind != tc.kind || e.ExitCode != tc.code || e.Message == "" || e.File != tc.file || e.Line != tc.line {
			t.Errorf("%s: %+v", tc.name, e)
		}
		if !strings.Contains(r.stderr, "corets-wasm: ") {
			t.Errorf("%s: stderr lacks the error line: %q", tc.name, r.stderr)
		}
		switch tc.name {
		case "no such export":
			if e.Module != "script" || !reflect.DeepEqual(e.Available, []string{"bomb", "boom", "deep", "later", "laterDeep", "ok", "read", "rejectLater", "spin", "spinLater"}) {
				t.Errorf("%s: %+v", tc.name, e)
			}
		case "exception":
			if e.Module != "script" || len(e.Stack) == 0 || !strings.HasPrefix(e.Stack[0], "at boom (script.ts:4:") {
				t.Errorf("%s: %+v", tc.name, e)
			}
		case "stack overflow":
			if len(e.Stack) > stackHead+stackTail+1 || !strings.Contains(strings.Join(e.Stack, "\n"), "frames omitted") {
				t.Errorf("%s: %d frames", tc.name, len(e.Stack))
			}
		case "uncaught in a timer":
			if e.Module != "script" || !strings.Contains(e.Message, "TypeError: late failure") {
				t.Errorf("%s: %+v", tc.name, e)
			}
		}
	}
}

// The exit statuses are listed in the help and in the README, from the
// one table.
func TestExitStatusesDocumented(t *testing.T) {
	t.Parallel()
	help := corets(t, "help").ok(t).stdout
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	codes := map[int]bool{}
	for _, k := range exitKinds {
		if codes[k.code] {
			t.Errorf("exit status %d is used twice", k.code)
		}
		codes[k.code] = true
		if !strings.Contains(help, k.name) || !strings.Contains(help, k.desc) {
			t.Errorf("help lacks %d %s", k.code, k.name)
		}
		row := "| " + strconv.Itoa(k.code) + " | `" + k.name + "` |"
		if !strings.Contains(string(readme), row) {
			t.Errorf("README lacks the row %q", row)
		}
	}
}

// With a result on stdout, the module's console (init's and the call's) is
// on stderr: stdout is the JSON result alone, for a pipe.
func TestConsoleOnStderrWithResult(t *testing.T) {
	t.Parallel()
	f := writeScript(t)
	r := corets(t, "run", f, "--call", "ok", "--input", "21").ok(t)
	if r.stdout != "{\n  \"twice\": 42\n}\n" || r.stderr != "top level\ninit\nin ok\n" {
		t.Errorf("stdout %q stderr %q", r.stdout, r.stderr)
	}
	r = corets(t, "run", f, "--call", "ok", "--input", "21", "--json").ok(t)
	var res struct {
		Module, Export string
		Result         struct{ Twice int }
	}
	decodeOne(t, strings.ToLower(r.stdout), &res)
	if res.Module != "script" || res.Export != "ok" || res.Result.Twice != 42 {
		t.Errorf("--json: %+v", res)
	}
	// installed and called: init's line too
	root := t.TempDir()
	src := writeModule(t, filepath.Join(t.TempDir(), "m"), "code: m\n", `export function init() { console.log("starting"); }
export function f() { console.log("called"); return [1]; }`)
	corets(t, "install", "--root", root, src).ok(t)
	r = corets(t, "call", "--root", root, "m", "f").ok(t)
	if r.stdout != "[\n  1\n]\n" || r.stderr != "starting\ncalled\n" {
		t.Errorf("call: stdout %q stderr %q", r.stdout, r.stderr)
	}
	r = corets(t, "call", "--root", root, "m", "f", "--quiet").ok(t)
	if r.stdout != "[\n  1\n]\n" || r.stderr != "" {
		t.Errorf("call --quiet: stdout %q stderr %q", r.stdout, r.stderr)
	}
	// and through a real pipe, as `call m f | jq` reads it
	bin := buildBinary(t)
	cmd := exec.Command(bin, "call", "--root", root, "m", "f")
	out, err := cmd.Output()
	var v []int
	if err != nil || json.Unmarshal(out, &v) != nil || len(v) != 1 {
		t.Errorf("piped: %v %q", err, out)
	}
}

// An error no call returned (a timer's, a promise nobody handled) is
// reported when it happens and fails the run once the module is idle; a
// stack overflow's stack is bounded.
func TestUncaughtAfterTheCall(t *testing.T) {
	t.Parallel()
	f := writeScript(t)
	for _, tc := range []struct{ call, want string }{
		{"later", "TypeError: late failure"},
		{"rejectLater", "Uncaught (in promise) Error: nobody awaits"},
		{"laterDeep", "InternalError: stack overflow"},
	} {
		r := corets(t, "run", f, "--call", tc.call)
		if r.code != exitException || r.stdout != "\"returned\"\n" {
			t.Errorf("%s: exit %d stdout %q\n%s", tc.call, r.code, r.stdout, r.stderr)
		}
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		last := lines[len(lines)-1]
		if !strings.HasPrefix(last, "corets-wasm: script: ") || !strings.Contains(last, tc.want) || !strings.Contains(last, "outside any call") {
			t.Errorf("%s: last line %q", tc.call, last)
		}
		if len(lines) > 40 {
			t.Errorf("%s: %d lines on stderr", tc.call, len(lines))
		}
		if tc.call == "laterDeep" && !strings.Contains(r.stderr, "frames omitted") {
			t.Errorf("%s: stderr:\n%s", tc.call, r.stderr)
		}
	}
	// a limit after the call: its own status
	if r := corets(t, "run", f, "--call", "spinLater", "--fuel", "100000", "--quiet"); r.code != exitFuel || r.stdout != "\"returned\"\n" {
		t.Errorf("spinLater: exit %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	// a stack overflow returned by the call: bounded too
	r := corets(t, "run", f, "--call", "deep", "--quiet")
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if r.code != exitException || len(lines) != 1+stackHead+1+stackTail || !strings.HasPrefix(lines[stackHead+1], "    … ") || !strings.HasSuffix(lines[stackHead+1], " frames omitted …") {
		t.Errorf("exit %d, %d lines:\n%s", r.code, len(lines), r.stderr)
	}
	// a caught error in a timer is no failure
	g := filepath.Join(writeFiles(t, t.TempDir(), map[string]string{"g.ts": `export function f() {
  setTimeout(() => { try { throw new Error("x"); } catch {} console.error("handled"); }, 5);
  return 1;
}`}), "g.ts")
	if r := corets(t, "run", g, "--call", "f").ok(t); r.stderr != "handled\n" {
		t.Errorf("stderr %q", r.stderr)
	}
}

func TestBoundStack(t *testing.T) {
	t.Parallel()
	var lines []string
	for i := range 100 {
		lines = append(lines, "    at f"+strconv.Itoa(i))
	}
	got := boundStack(lines, "    ")
	if len(got) != stackHead+1+stackTail || got[stackHead] != "    … 82 frames omitted …" {
		t.Errorf("%q", got)
	}
	short := lines[:stackHead+stackTail+1]
	if got := boundStack(short, ""); !reflect.DeepEqual(got, short) {
		t.Errorf("a short stack changed: %q", got)
	}
}

// The table maps the typed errors of package modules (and kv, manifest)
// with errors.Is and errors.As, wrapped however deep.
func TestExitKindOf(t *testing.T) {
	t.Parallel()
	wrap := func(err error) error { return &moduleError{what: "m.f", err: fmt.Errorf("outer: %w", err)} }
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		err  error
		ctx  context.Context
		kind string
	}{
		{errors.New("disk full"), nil, "error"},
		{usagef("bad"), nil, "usage"},
		{manifest.ErrorList{{Key: "code", Msg: "is required"}}, nil, "config"},
		{&keyError{os.ErrNotExist}, nil, "config"},
		{fmt.Errorf("x: %w", manifest.ErrBadSignature), nil, "config"},
		{&modules.BundleError{}, nil, "build"},
		{fmt.Errorf("x: %w", modules.ErrNotInstalled), nil, "not_found"},
		{wrap(&modules.ExportError{Module: "m", Name: "f"}), nil, "not_found"},
		{wrap(&modules.PermissionError{Capability: "read", Value: "x"}), nil, "permission"},
		{wrap(&modules.Exception{Name: "PermissionDenied", Message: "no"}), nil, "permission"},
		{wrap(&modules.Exception{Name: "TypeError", Message: "no"}), nil, "exception"},
		{&uncaughtError{module: "m", text: "Uncaught Error: x"}, nil, "exception"},
		{&uncaughtError{module: "m", text: "instance stopped", limit: modules.ErrFuel}, nil, "fuel"},
		{wrap(&modules.LimitError{Limit: modules.ErrFuel}), nil, "fuel"},
		{wrap(&modules.LimitError{Limit: modules.ErrMemory}), nil, "memory"},
		{wrap(&modules.LimitError{Limit: modules.ErrTimeout}), nil, "timeout"},
		{&busyError{"still busy"}, nil, "timeout"},
		{fmt.Errorf("open: %w", kv.ErrLocked), nil, "store_busy"},
		{&modules.NotRunningError{Code: "m", State: modules.StateErrored}, nil, "errored"},
		{&erroredError{[]string{"a", "b"}}, nil, "errored"},
		{wrap(&modules.LimitError{Limit: modules.ErrCanceled}), canceled, "interrupted"},
		// a limit the call ran into before the interrupt keeps its kind
		{wrap(&modules.LimitError{Limit: modules.ErrFuel}), canceled, "fuel"},
	} {
		ctx := tc.ctx
		if ctx == nil {
			ctx = context.Background()
		}
		if k := exitKindOf(ctx, tc.err); k.name != tc.kind || k.code != kindNamed(tc.kind).code {
			t.Errorf("%v: %s %d, want %s", tc.err, k.name, k.code, tc.kind)
		}
	}
}

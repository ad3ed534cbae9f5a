package modules

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/testutil"
)

// Load's relative paths are relative to AppRoot, not to the process's
// working directory (the test's is the package directory, which has its
// own testdata/).
func TestLoadRelativeToAppRoot(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	r, _ := openTest(t, Options{AppRoot: root})
	writeModule(t, filepath.Join(root, "plugins", "notes"), map[string]string{
		".core/view.yml": "code: notes\n",
		"main.ts":        "export const where = () => core.module.code;\n",
	})
	writeModule(t, root, map[string]string{"tool.ts": "export const where = () => core.module.code;\n"})
	ctx := context.Background()
	notes := filepath.Join(root, "plugins", "notes")
	for _, c := range []struct{ path, code, want string }{
		{"plugins/notes", "notes", notes},
		{filepath.FromSlash("./plugins/x/../notes/"), "notes", notes},
		{"tool.ts", "tool", filepath.Join(root, "tool.ts")},
		{notes, "notes", notes}, // absolute stays absolute
	} {
		code, err := r.Load(ctx, c.path)
		if err != nil || code != c.code {
			t.Fatalf("Load(%q) = %q, %v; want %q", c.path, code, err, c.code)
		}
		if st, _ := r.Status(code); st.Path != c.want {
			t.Errorf("Load(%q): Status.Path %q, want %q", c.path, st.Path, c.want)
		}
		if err := r.Unload(ctx, code); err != nil {
			t.Fatal(err)
		}
	}
	// A path that exists under the working directory but not under the app root.
	if _, err := os.Stat(filepath.Join("testdata")); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if _, err := r.Load(ctx, "testdata"); !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "testdata") || strings.Contains(err.Error(), wd) {
		t.Errorf("Load(testdata) = %v; want not found under the app root", err)
	}
	if _, err := r.Load(ctx, ""); err == nil || !strings.Contains(err.Error(), "empty path") {
		t.Errorf("Load(\"\") = %v", err)
	}
	if runtime.GOOS == "windows" {
		if _, err := r.Load(ctx, `C:plugins\notes`); err == nil || !strings.Contains(err.Error(), "drive but no root") {
			t.Errorf(`Load("C:plugins\notes") = %v`, err)
		}
	}
}

// A caller's context bounds a call as it bounds anything in Go: the error
// matches context.DeadlineExceeded (or context.Canceled) as well as the
// runtime's ErrTimeout (ErrCanceled); limits.timeout's matches only
// ErrTimeout. Either ends the instance (documented at ErrTimeout): the
// module is restarted and its memory state starts again, its store stays.
func TestCallerContextEndsCall(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	r, _ := openTest(t, Options{AppRoot: root, Restart: RestartPolicy{Initial: time.Millisecond, Max: time.Millisecond, Failures: 1000}})
	dir := writeModule(t, filepath.Join(root, "counter"), map[string]string{
		".core/view.yml": "code: counter\nlimits:\n  timeout: 30s\n",
		"main.ts": `let n = 0;
export async function bump() { n++; await core.storeSet("g", "n", n); return n; }
export function spin() { for (;;) {} }
export function wait() { return new Promise((r) => setTimeout(r, 60_000)); }
export const stored = () => core.storeGet("g", "n");
`,
	})
	short := writeModule(t, filepath.Join(root, "short"), map[string]string{
		".core/view.yml": "code: short\nlimits:\n  timeout: 50ms\n",
		"main.ts":        "export function spin() { for (;;) {} }\n",
	})
	ctx := context.Background()
	for _, d := range []string{dir, short} {
		if _, err := r.Load(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	bump := func() string {
		t.Helper()
		out, err := r.Call(ctx, "counter", "bump")
		if err != nil {
			t.Fatalf("bump: %v", err)
		}
		return string(out)
	}
	restarted := func(n int) func() bool {
		return func() bool { st, _ := r.Status("counter"); return st.State == StateRunning && st.Restarts == n }
	}
	if bump() != "1" || bump() != "2" {
		t.Fatal("counter does not count")
	}
	stored := "2"

	for i, c := range []struct {
		name   string
		export string
		ctx    func() (context.Context, context.CancelFunc)
		is     []error
		isNot  []error
	}{
		{"deadline, busy", "spin", func() (context.Context, context.CancelFunc) { return context.WithTimeout(ctx, 50*time.Millisecond) },
			[]error{ErrTimeout, context.DeadlineExceeded}, []error{ErrCanceled, context.Canceled}},
		{"deadline, waiting", "wait", func() (context.Context, context.CancelFunc) { return context.WithTimeout(ctx, 50*time.Millisecond) },
			[]error{ErrTimeout, context.DeadlineExceeded}, []error{ErrCanceled, context.Canceled}},
		{"canceled", "spin", func() (context.Context, context.CancelFunc) {
			c, cancel := context.WithCancel(ctx)
			time.AfterFunc(50*time.Millisecond, cancel)
			return c, cancel
		}, []error{ErrCanceled, context.Canceled}, []error{ErrTimeout, context.DeadlineExceeded}},
	} {
		cctx, cancel := c.ctx()
		_, err := r.Call(cctx, "counter", c.export)
		cancel()
		var le *LimitError
		if !errors.As(err, &le) {
			t.Fatalf("%s: %v is not a *LimitError", c.name, err)
		}
		for _, want := range c.is {
			if !errors.Is(err, want) {
				t.Errorf("%s: %v is not %v", c.name, err, want)
			}
		}
		for _, not := range c.isNot {
			if errors.Is(err, not) {
				t.Errorf("%s: %v is %v", c.name, err, not)
			}
		}
		// The instance was ended: the module restarts with fresh memory; the store kept its count.
		testutil.WaitFor(t, "counter restarted", restarted(i+1))
		if out, err := r.Call(ctx, "counter", "stored"); err != nil || string(out) != stored {
			t.Errorf("%s: after the restart the store holds %s (%v), want %s", c.name, out, err, stored)
		}
		if got := bump(); got != "1" {
			t.Errorf("%s: after the restart bump = %s, want 1 (memory starts again)", c.name, got)
		}
		stored = "1"
	}
	st, _ := r.Status("counter")
	if st.Restarts != 3 {
		t.Errorf("restarts = %d, want 3", st.Restarts)
	}

	// limits.timeout is the module's own limit, not the caller's deadline.
	_, err := r.Call(ctx, "short", "spin")
	if !errors.Is(err, ErrTimeout) || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("limits.timeout: %v; want ErrTimeout and not context.DeadlineExceeded", err)
	}
}

// namedErr is an embedder's error with the JS name the module sees.
type namedErr struct{ name, msg string }

func (e namedErr) Error() string  { return e.msg }
func (e namedErr) JSName() string { return e.name }

// What HostFunc's documentation promises: JSON both ways, error names,
// sync against async.
func TestHostFuncContract(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	release := make(chan struct{})
	funcs := []HostFunc{
		{Name: "echo", Capability: "x", Fn: func(ctx context.Context, call HostCall, arg json.RawMessage) (any, error) {
			return map[string]any{"arg": arg, "module": call.Module, "grants": call.Grants}, nil
		}},
		{Name: "nothing", Capability: "x", Fn: func(context.Context, HostCall, json.RawMessage) (any, error) { return nil, nil }},
		{Name: "raw", Capability: "x", Fn: func(context.Context, HostCall, json.RawMessage) (any, error) {
			return json.RawMessage(`{"b":[1,2],"a":"x"}`), nil
		}},
		{Name: "plain", Capability: "x", Fn: func(context.Context, HostCall, json.RawMessage) (any, error) {
			return nil, errors.New("disk full")
		}},
		{Name: "named", Capability: "x", Fn: func(context.Context, HostCall, json.RawMessage) (any, error) {
			return nil, fmt.Errorf("wrapped: %w", namedErr{"NotFound", "no such user"})
		}},
		{Name: "release", Capability: "x", Fn: func(context.Context, HostCall, json.RawMessage) (any, error) {
			close(release)
			return nil, nil
		}},
		{Name: "slow", Capability: "x", Async: true, Fn: func(ctx context.Context, _ HostCall, _ json.RawMessage) (any, error) {
			select {
			case <-release:
				return "released", nil
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}},
	}
	r, _ := openTest(t, Options{AppRoot: root, Funcs: funcs})
	dir := writeModule(t, filepath.Join(root, "caller"), map[string]string{
		".core/view.yml": "code: caller\npermissions:\n  x: [\"a\", \"b\"]\n",
		"main.ts": `
const err = (p: Promise<unknown>) => p.then((v) => "resolved " + JSON.stringify(v), (e) => e.name + ": " + e.message);
export async function run() {
  return {
    echo: await core.call("echo", { n: 1, s: "é" }),
    absent: await core.call("echo"),
    nothing: await core.call("nothing", 1),
    raw: await core.call("raw"),
    plain: await err(core.call("plain")),
    named: await err(core.call("named")),
    unknown: await err(core.call("nope")),
    badArg: await err(core.call("echo", () => 1)),
  };
}
// While the async function waits, the module's timers run.
export async function overlap() {
  let ticks = 0;
  const iv = setInterval(() => ticks++, 1);
  const p = core.call("slow");
  while (ticks < 3) await new Promise((r) => setTimeout(r, 1));
  await core.call("release");
  const v = await p;
  clearInterval(iv);
  return [v, ticks >= 3];
}
`,
	})
	other := writeModule(t, filepath.Join(root, "other"), map[string]string{
		".core/view.yml": "code: other\n",
		"main.ts":        `export const run = () => core.call("echo", 1).catch((e) => e.name + ": " + e.message);`,
	})
	ctx := context.Background()
	for _, d := range []string{dir, other} {
		if _, err := r.Load(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	out, err := r.Call(ctx, "caller", "run")
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"echo":    map[string]any{"arg": map[string]any{"n": 1.0, "s": "é"}, "module": "caller", "grants": []any{"a", "b"}},
		"absent":  map[string]any{"arg": nil, "module": "caller", "grants": []any{"a", "b"}},
		"nothing": nil,
		"raw":     map[string]any{"a": "x", "b": []any{1.0, 2.0}},
		"plain":   "Error: plain: disk full",
		"named":   "NotFound: wrapped: no such user",
		"unknown": `TypeError: core.call: no host function "nope"`,
		"badArg":  "TypeError: value must be representable as JSON, got function",
	}
	for k, w := range want {
		if !reflect.DeepEqual(got[k], w) {
			t.Errorf("%s = %#v, want %#v", k, got[k], w)
		}
	}
	out, err = r.Call(ctx, "other", "run")
	if err != nil || !strings.HasPrefix(string(out), `"PermissionDenied: x \"echo\" is not granted (add it to permissions.x`) {
		t.Errorf("ungranted: %s, %v", out, err)
	}

	// The async function waits for "release", which the module calls only
	// after its timers ran three times: it resolves only if the module's
	// code went on while it waited.
	out, err = r.Call(ctx, "caller", "overlap")
	if err != nil || string(out) != `["released",true]` {
		t.Errorf("overlap = %s, %v", out, err)
	}
}

// Options.Logger gets the modules' console lines with the module and the
// call, and a record for each state change: running, died, restarting,
// stopped.
func TestLoggerCallsAndEvents(t *testing.T) {
	t.Parallel()
	buf := &syncBuffer{}
	ctx := context.Background()
	root := t.TempDir()
	r, err := Open(ctx, Options{AppRoot: root, MemoryStore: true, NoDiskCache: true, SkipInstalled: true,
		Logger:  slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Restart: RestartPolicy{Initial: time.Millisecond, Max: time.Millisecond, Failures: 100}})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close(ctx)
	dir := writeModule(t, filepath.Join(root, "talker"), map[string]string{
		".core/view.yml": "code: talker\nlimits:\n  fuel: 10000000\n",
		"main.ts": `export function init() { console.log("starting"); }
export function talk(n: number) { console.warn("talk " + n); setTimeout(() => console.log("later " + n), 0); return n; }
export function burn() { for (;;) {} }
`,
	})
	if _, err := r.Load(ctx, dir); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := r.Call(ctx, "talker", "talk", i); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if _, err := r.Call(ctx, "talker", "burn"); !errors.Is(err, ErrFuel) {
		t.Fatalf("burn: %v", err)
	}
	testutil.WaitFor(t, "the restart", func() bool { st, _ := r.Status("talker"); return st.State == StateRunning && st.Restarts == 1 })
	if err := r.Unload(ctx, "talker"); err != nil {
		t.Fatal(err)
	}

	recs := buf.records(t)
	if rec := find(recs, "starting"); rec == nil || rec["module"] != "talker" || rec["call"] != "init" {
		t.Errorf("init's console record: %v", rec)
	}
	for i := range 4 {
		msg := fmt.Sprintf("talk %d", i)
		if rec := find(recs, msg); rec == nil || rec["module"] != "talker" || rec["call"] != "talk" || rec["level"] != "WARN" || rec["stream"] != "warn" {
			t.Errorf("%q record: %v", msg, rec)
		}
	}
	var events []string
	for _, rec := range recs {
		if msg, _ := rec["msg"].(string); strings.HasPrefix(msg, "module ") && rec["module"] == "talker" {
			events = append(events, msg)
		}
	}
	want := []string{"module loading", "module running", "module died", "module restarting", "module running", "module stopped"}
	if !reflect.DeepEqual(events, want) {
		t.Errorf("events %q, want %q", events, want)
	}
	if rec := find(recs, "module died"); rec == nil || rec["level"] != "WARN" || !strings.Contains(fmt.Sprint(rec["err"]), "fuel") {
		t.Errorf("death record: %v", rec)
	}
}

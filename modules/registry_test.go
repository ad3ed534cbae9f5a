package modules

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/internal/testutil"
)

// writeModule writes files (slash paths) under dir.
func writeModule(t testing.TB, dir string, files map[string]string) string {
	return testutil.WriteTree(t, dir, files)
}

// logLines collects console output, a line per call.
type logLines = testutil.Output

func openTest(t testing.TB, opts Options) (*Runtime, *logLines) {
	t.Helper()
	logs := &logLines{}
	if opts.AppRoot == "" {
		opts.AppRoot = t.TempDir()
	}
	opts.MemoryStore = true
	opts.NoDiskCache = true
	opts.SkipInstalled = true
	if opts.Output == nil {
		opts.Output = logs.Add
	}
	r, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(context.Background()) })
	return r, logs
}

func TestLoadCallInit(t *testing.T) {
	t.Parallel()
	r, logs := openTest(t, Options{})
	dir := writeModule(t, filepath.Join(r.AppRoot(), "greeter"), map[string]string{
		".core/view.yml": "code: greeter\nname: Greeter\nversion: \"1.2\"\n",
		"main.ts": `import { shout } from "./lib/text";
let inits = 0;
export async function init(c: Core) {
  inits++;
  console.log("init", c.module.code);
}
export function handle(input: { name: string }) {
  return { greeting: shout("hi " + input.name), inits };
}
`,
		"lib/text.ts": `export const shout = (s: string): string => s.toUpperCase();`,
	})
	ctx := context.Background()
	code, err := r.Load(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if code != "greeter" {
		t.Fatalf("code = %q", code)
	}
	out, err := r.Call(ctx, "greeter", "handle", map[string]string{"name": "ada"})
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"greeting":"HI ADA","inits":1}` {
		t.Fatalf("handle = %s", out)
	}
	if !strings.Contains(logs.String(), "greeter log: init greeter") {
		t.Fatalf("init did not log: %q", logs.String())
	}
	st, err := r.Status("greeter")
	if err != nil || st.State != StateRunning || st.Name != "Greeter" || st.Version != "1.2" {
		t.Fatalf("status = %+v, %v", st, err)
	}
	if _, err := r.Load(ctx, dir); err == nil || !strings.Contains(err.Error(), "already loaded") {
		t.Fatalf("second load: %v", err)
	}
	if _, err := r.Call(ctx, "greeter", "init"); err == nil {
		t.Fatal("init was callable from the host")
	}
	if _, err := r.Call(ctx, "nope", "handle"); !errors.Is(err, ErrNotLoaded) {
		t.Fatalf("call of an unknown module: %v", err)
	}

	// Reload picks up a change.
	writeModule(t, dir, map[string]string{"lib/text.ts": `export const shout = (s: string): string => s + "!";`})
	if err := r.Reload(ctx, "greeter"); err != nil {
		t.Fatal(err)
	}
	out, _ = r.Call(ctx, "greeter", "handle", map[string]string{"name": "ada"})
	if string(out) != `{"greeting":"hi ada!","inits":1}` {
		t.Fatalf("after reload: %s", out)
	}
	if err := r.Unload(ctx, "greeter"); err != nil {
		t.Fatal(err)
	}
	if len(r.List()) != 0 {
		t.Fatalf("list after unload: %+v", r.List())
	}
}

func TestSingleFileModule(t *testing.T) {
	t.Parallel()
	r, _ := openTest(t, Options{})
	writeModule(t, r.AppRoot(), map[string]string{
		"secret.txt": "s",
		"Hello World.ts": `export function run() { return core.fileRead("secret.txt").then(() => "read", (e) => e.name + ": " + e.message); }
export const version = () => core.module.code;`,
	})
	ctx := context.Background()
	code, err := r.Load(ctx, filepath.Join(r.AppRoot(), "Hello World.ts"))
	if err != nil {
		t.Fatal(err)
	}
	if code != "hello-world" {
		t.Fatalf("code = %q", code)
	}
	out, err := r.Call(ctx, code, "run")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), `"PermissionDenied: read \"secret.txt\" is not granted`) {
		t.Fatalf("a single file read a file: %s", out)
	}
}

func TestStackMapsToTypeScript(t *testing.T) {
	t.Parallel()
	r, _ := openTest(t, Options{})
	dir := writeModule(t, filepath.Join(r.AppRoot(), "thrower"), map[string]string{
		".core/view.yml": "code: thrower\n",
		"main.ts": `import { check } from "./lib/check";

interface Input { n: number }

export function run(input: Input) {
  return check(input.n);
}
`,
		"lib/check.ts": `// a comment to move lines

export function check(n: number): number {
  if (n > 1) {
    throw new RangeError("n is too big: " + n);
  }
  return n;
}
`,
	})
	ctx := context.Background()
	if _, err := r.Load(ctx, dir); err != nil {
		t.Fatal(err)
	}
	_, err := r.Call(ctx, "thrower", "run", map[string]int{"n": 5})
	var ex *jsengine.Exception
	if !errors.As(err, &ex) {
		t.Fatalf("error %v is not an exception", err)
	}
	if ex.Name != "RangeError" || ex.Message != "n is too big: 5" {
		t.Fatalf("exception %s: %s", ex.Name, ex.Message)
	}
	if !strings.Contains(ex.Stack, "lib/check.ts:5:") || !strings.Contains(ex.Stack, "main.ts:6:") {
		t.Fatalf("stack not mapped to the TypeScript lines:\n%s", ex.Stack)
	}
	if strings.Contains(ex.Stack, bundleName) {
		t.Fatalf("stack still names the bundle:\n%s", ex.Stack)
	}
	// The module is still running: an exception is not a death.
	if st, _ := r.Status("thrower"); st.State != StateRunning {
		t.Fatalf("state after an exception: %s", st.State)
	}
}

func TestNodeModulesPackage(t *testing.T) {
	t.Parallel()
	r, _ := openTest(t, Options{})
	dir := writeModule(t, filepath.Join(r.AppRoot(), "withdep"), map[string]string{
		".core/view.yml":                      "code: withdep\n",
		"main.ts":                             `import slug from "tiny-slug"; export const run = (s: string) => slug(s);`,
		"node_modules/tiny-slug/package.json": `{"name": "tiny-slug", "version": "1.0.0", "main": "index.js"}`,
		"node_modules/tiny-slug/index.js":     `module.exports = function (s) { return s.toLowerCase().replace(/[^a-z0-9]+/g, "-"); };`,
	})
	ctx := context.Background()
	if _, err := r.Load(ctx, dir); err != nil {
		t.Fatal(err)
	}
	out, err := r.Call(ctx, "withdep", "run", "Hello, World")
	if err != nil || string(out) != `"hello-world"` {
		t.Fatalf("run = %s, %v", out, err)
	}
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	r, _ := openTest(t, Options{})
	ctx := context.Background()
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no manifest", map[string]string{"main.ts": "export const a = 1;"}, "view.yml"},
		{"bad manifest", map[string]string{".core/view.yml": "code: Bad Code\n", "main.ts": ""}, "view.yml:1:7: code"},
		{"syntax error", map[string]string{".core/view.yml": "code: syn\n", "main.ts": "export const a = ;\n"}, "main.ts:1:"},
		{"node builtin", map[string]string{".core/view.yml": "code: nodefs\n", "main.ts": "import fs from 'node:fs';\nexport const a = fs;\n"}, "main.ts:1:"},
		{"throws at load", map[string]string{".core/view.yml": "code: thrower2\n", "main.ts": "\n\nthrow new Error('boom');\n"}, "boom"},
		{"init throws", map[string]string{".core/view.yml": "code: initfail\n", "main.ts": "export function init() {\n  throw new TypeError('bad init');\n}\n"}, "bad init"},
	} {
		dir := writeModule(t, filepath.Join(r.AppRoot(), strings.ReplaceAll(c.name, " ", "-")), c.files)
		code, err := r.Load(ctx, dir)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Load = %v; want an error containing %q", c.name, err, c.want)
			continue
		}
		if code != "" {
			if st, _ := r.Status(code); st.State != StateErrored || st.Error == "" {
				t.Errorf("%s: status %+v; want ERRORED with the reason", c.name, st)
			}
		}
	}
}

// A module that loops forever is stopped by its timeout, restarted with
// backoff, and ERRORED after too many deaths, while another module keeps
// answering throughout.
func TestSupervisor(t *testing.T) {
	t.Parallel()
	r, _ := openTest(t, Options{Restart: RestartPolicy{Initial: 50 * time.Millisecond, Max: 100 * time.Millisecond, Failures: 3, Window: time.Minute}})
	ctx := context.Background()
	spin := writeModule(t, filepath.Join(r.AppRoot(), "spin"), map[string]string{
		".core/view.yml": "code: spin\nlimits: {timeout: 200ms}\n",
		"main.ts":        "export function spin() { for (;;) {} }\nexport const ok = () => 'ok';\n",
	})
	calm := writeModule(t, filepath.Join(r.AppRoot(), "calm"), map[string]string{
		".core/view.yml": "code: calm\n",
		"main.ts":        "let n = 0; export const ping = () => ++n;\n",
	})
	for _, d := range []string{spin, calm} {
		if _, err := r.Load(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	stop := make(chan struct{})
	var pings sync.WaitGroup
	pings.Add(1)
	var pingErr error
	go func() {
		defer pings.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := r.Call(ctx, "calm", "ping"); err != nil {
				pingErr = err
				return
			}
			time.Sleep(5 * time.Millisecond) // pacing, not synchronisation: leave the CPU to the deaths
		}
	}()
	for death := 1; death <= 3; death++ {
		waitState(t, r, "spin", StateRunning)
		_, err := r.Call(ctx, "spin", "spin")
		if !errors.Is(err, jsengine.ErrTimeout) {
			t.Fatalf("death %d: %v", death, err)
		}
		if death < 3 {
			// The module is STOPPED until its backoff (50 ms) ends; a loaded
			// machine may not look before the restart, so either is fine,
			// but a STOPPED module must say why and when it restarts.
			var st Status
			testutil.WaitFor(t, "the death to be noticed", func() bool {
				st, _ = r.Status("spin")
				return st.State == StateStopped || st.Restarts >= death
			})
			if st.State == StateStopped && (!strings.Contains(st.Error, "timeout") || st.NextRestart.IsZero()) {
				t.Fatalf("after death %d: %+v", death, st)
			}
		}
	}
	st := waitState(t, r, "spin", StateErrored)
	if st.Restarts != 2 || !strings.Contains(st.Error, "died 3 times") {
		t.Fatalf("final status %+v", st)
	}
	close(stop)
	pings.Wait()
	if pingErr != nil {
		t.Fatalf("the other module stopped answering: %v", pingErr)
	}
	if out, _ := r.Call(ctx, "calm", "ping"); string(out) == "" {
		t.Fatal("calm did not answer")
	}
}

// waitState waits until the module is in state want.
func waitState(t *testing.T, r *Runtime, code string, want State) Status {
	t.Helper()
	var st Status
	testutil.WaitFor(t, fmt.Sprintf("%s to be %s", code, want), func() bool {
		var err error
		if st, err = r.Status(code); err != nil {
			t.Fatal(err)
		}
		return st.State == want
	})
	return st
}

// A timer that runs away between calls kills the instance too; the
// supervisor notices without a call.
func TestSupervisorBackgroundDeath(t *testing.T) {
	t.Parallel()
	r, _ := openTest(t, Options{Restart: RestartPolicy{Initial: 20 * time.Millisecond, Failures: 5}})
	ctx := context.Background()
	dir := writeModule(t, filepath.Join(r.AppRoot(), "bg"), map[string]string{
		// 1s, not less: the load and the calls that must succeed run under
		// it too, on a machine that may be busy.
		".core/view.yml": "code: bg\nlimits: {timeout: 1s}\n",
		"main.ts":        "export function arm() { setTimeout(() => { for (;;) {} }, 10); return 'armed'; }\nexport const ok = () => 'ok';\n",
	})
	if _, err := r.Load(ctx, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Call(ctx, "bg", "arm"); err != nil {
		t.Fatal(err)
	}
	testutil.WaitFor(t, "bg to be restarted", func() bool {
		st, _ := r.Status("bg")
		return st.Restarts >= 1 && st.State == StateRunning
	})
	if out, err := r.Call(ctx, "bg", "ok"); err != nil || string(out) != `"ok"` {
		t.Fatalf("after restart: %s %v", out, err)
	}
}

// 100 modules loaded at once answer concurrent calls (run under -race in CI).
func TestManyModulesConcurrently(t *testing.T) {
	t.Parallel()
	n := 100
	if testing.Short() {
		n = 20
	}
	r, _ := openTest(t, Options{})
	ctx := context.Background()
	for i := 0; i < n; i++ {
		dir := writeModule(t, filepath.Join(r.AppRoot(), fmt.Sprintf("m%d", i)), map[string]string{
			".core/view.yml": fmt.Sprintf("code: m%d\n", i),
			"main.ts":        fmt.Sprintf("let calls = 0;\nexport async function add(a: number, b: number) { calls++; await core.storeSet('calls', 'n', calls); return { sum: a + b, who: %d }; }\n", i),
		})
		if _, err := r.Load(ctx, dir); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for j := 0; j < 3*n/8+1; j++ {
				i := (g*7 + j) % n
				out, err := r.Call(ctx, fmt.Sprintf("m%d", i), "add", i, j)
				if err != nil {
					errs <- err
					return
				}
				var got struct{ Sum, Who int }
				if json.Unmarshal(out, &got) != nil || got.Sum != i+j || got.Who != i {
					errs <- fmt.Errorf("m%d.add(%d, %d) = %s", i, i, j, out)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(r.List()) != n {
		t.Fatalf("%d modules listed", len(r.List()))
	}
}

func TestOpenFailsCleanly(t *testing.T) {
	t.Parallel()
	if _, err := Open(context.Background(), Options{AppRoot: filepath.Join(t.TempDir(), "missing")}); err == nil {
		t.Fatal("Open of a missing app root worked")
	}
	// A store that cannot be opened: its path is a directory.
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "store.db"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(context.Background(), Options{AppRoot: root, StorePath: filepath.Join(root, "store.db"), NoDiskCache: true}); err == nil {
		t.Fatal("Open with a directory as the store worked")
	}
}

// An error thrown in a timer, after the call returned, is logged with its
// stack mapped to the TypeScript line.
func TestUncaughtTimerErrorMapped(t *testing.T) {
	t.Parallel()
	r, logs := openTest(t, Options{})
	dir := writeModule(t, filepath.Join(r.AppRoot(), "late"), map[string]string{
		".core/view.yml": "code: late\n",
		"main.ts":        "export function arm() {\n  setTimeout(() => {\n    throw new Error(\"late failure\");\n  }, 1);\n}\n",
	})
	ctx := context.Background()
	if _, err := r.Load(ctx, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Call(ctx, "late", "arm"); err != nil {
		t.Fatal(err)
	}
	if err := r.Wait(ctx, "late"); err != nil {
		t.Fatal(err)
	}
	out := logs.String()
	if !strings.Contains(out, "late error: Uncaught Error: late failure") || !strings.Contains(out, "main.ts:3:") || strings.Contains(out, bundleName) {
		t.Fatalf("console:\n%s", out)
	}
}

package wasmplugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/corets/corets-wasm/internal/testutil"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/internal/errs"
	"github.com/corets/corets-wasm/modules"
)

// wasmPlugin is the example plugin built from testdata/wasm/src/plugin.wat.
func wasmPlugin(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "wasm", name, name+".wasm"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// writeWasmModule writes a wasm module: its manifest (runtime and main
// added) and the example plugin.
func writeWasmModule(t testing.TB, r *modules.Runtime, code, manifestRest string) string {
	t.Helper()
	return writeModule(t, filepath.Join(r.AppRoot(), code), map[string]string{
		".core/view.yml": "code: " + code + "\nruntime: wasm\nmain: plugin.wasm\n" + manifestRest,
		"plugin.wasm":    wasmPlugin(t, "plugin"),
	})
}

func mustLoad(t testing.TB, r *modules.Runtime, dir string) string {
	t.Helper()
	code, err := r.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func wasmCall(t testing.TB, r *modules.Runtime, code, name string, arg any) (string, error) {
	t.Helper()
	out, err := r.Call(context.Background(), code, name, arg)
	return string(out), err
}

// exceptionOf is the name and message a call failed with.
func exceptionOf(t *testing.T, err error) *errs.Exception {
	t.Helper()
	var ex *errs.Exception
	if !errors.As(err, &ex) {
		t.Fatalf("want an exception, got %v", err)
	}
	return ex
}

func TestWasmCallEcho(t *testing.T) {
	r, _ := openTest(t, modules.Options{})
	code := mustLoad(t, r, writeWasmModule(t, r, "echo", ""))
	out, err := wasmCall(t, r, code, "echo", map[string]any{"a": []int{1, 2}})
	if err != nil || out != `{"a":[1,2]}` {
		t.Fatalf("echo: %s %v", out, err)
	}
	if st, _ := r.Status(code); st.State != modules.StateRunning || st.Calls != 1 {
		t.Fatalf("status %+v", st)
	}
	var ee *modules.ExportError
	if _, err := r.Call(context.Background(), code, "nope"); !errors.As(err, &ee) || ee.Name != "nope" || ee.Module != code || !errors.Is(err, modules.ErrNoExport) ||
		!slices.Contains(ee.Available, "echo") || slices.ContainsFunc(ee.Available, func(s string) bool { return strings.HasPrefix(s, "__") || s == "_start" }) {
		t.Fatalf("unknown export: %v (%+v)", err, ee)
	}
	// still running: a missing export is not a death
	if out, err := wasmCall(t, r, code, "echo", 7); err != nil || out != "7" {
		t.Fatalf("echo after: %s %v", out, err)
	}
}

// A wasm module and a TypeScript module with the same grants get the same
// file and the same refusal, word for word.
func TestWasmFilesSameAsTypeScript(t *testing.T) {
	r, _ := openTest(t, modules.Options{})
	writeModule(t, r.AppRoot(), map[string]string{"data/a.txt": "hello", "data/out/.keep": "", "secret/key": "no"})
	grants := "permissions:\n  read: [\"./data/\"]\n  write: [\"./data/out/\"]\n"
	w := mustLoad(t, r, writeWasmModule(t, r, "wfiles", grants))
	ts := mustLoad(t, r, writeModule(t, filepath.Join(r.AppRoot(), "tfiles"), map[string]string{
		".core/view.yml": "code: tfiles\n" + grants,
		"main.ts":        "export const read = (a: {path: string}) => core.fileRead(a.path);\n",
	}))

	out, err := wasmCall(t, r, w, "read", map[string]string{"path": "./data/a.txt"})
	if err != nil || out != `{"ok":"hello"}` {
		t.Fatalf("wasm read: %s %v", out, err)
	}
	if out, err := wasmCall(t, r, ts, "read", map[string]string{"path": "./data/a.txt"}); err != nil || out != `"hello"` {
		t.Fatalf("ts read: %s %v", out, err)
	}

	for _, path := range []string{"./secret/key", "../outside", "./data/../secret/key", "./data/missing"} {
		_, werr := wasmCall(t, r, w, "read", map[string]string{"path": path})
		_, terr := wasmCall(t, r, ts, "read", map[string]string{"path": path})
		wex, tex := exceptionOf(t, werr), exceptionOf(t, terr)
		if wex.Name != tex.Name || wex.Message != tex.Message {
			t.Errorf("%s: wasm %s: %s\n   ts %s: %s", path, wex.Name, wex.Message, tex.Name, tex.Message)
		}
		if path == "./secret/key" && wex.Name != "PermissionDenied" {
			t.Errorf("%s: %s", path, werr)
		}
	}

	if _, err := wasmCall(t, r, w, "write", map[string]string{"path": "./data/out/w.txt", "data": "from wasm"}); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(r.AppRoot(), "data", "out", "w.txt")); err != nil || string(b) != "from wasm" {
		t.Fatalf("written: %q %v", b, err)
	}
	_, werr := wasmCall(t, r, w, "write", map[string]string{"path": "./data/a.txt", "data": "x"})
	if ex := exceptionOf(t, werr); ex.Name != "PermissionDenied" || !strings.Contains(ex.Message, "permissions.write") {
		t.Fatalf("write refused: %v", werr)
	}
	// refusals leave the instance running
	if st, _ := r.Status(w); st.State != modules.StateRunning || st.Restarts != 0 {
		t.Fatalf("status %+v", st)
	}
}

// Own groups are per module whatever the kind; a granted shared group is
// one for both kinds.
func TestWasmStorePartitions(t *testing.T) {
	r, _ := openTest(t, modules.Options{})
	w := mustLoad(t, r, writeWasmModule(t, r, "wstore", "permissions:\n  store: [\"shared\"]\n"))
	ts := mustLoad(t, r, writeModule(t, filepath.Join(r.AppRoot(), "tstore"), map[string]string{
		".core/view.yml": "code: tstore\npermissions:\n  store: [\"shared\"]\n",
		"main.ts": `export const set = (a: {group: string, key: string, value: unknown}) => core.storeSet(a.group, a.key, a.value as any);
export const get = (a: {group: string, key: string}) => core.storeGet(a.group, a.key);
`,
	}))
	set := func(code string, group, key string, value any) {
		t.Helper()
		name := "set"
		if code == w {
			name = "store_set"
		}
		if _, err := r.Call(context.Background(), code, name, map[string]any{"group": group, "key": key, "value": value}); err != nil {
			t.Fatal(err)
		}
	}
	// get returns the value, or "null"
	get := func(code string, group, key string) string {
		t.Helper()
		if code == w {
			out, err := wasmCall(t, r, code, "store_get", map[string]string{"group": group, "key": key})
			if err != nil {
				t.Fatal(err)
			}
			var a struct {
				Ok *struct{ Value json.RawMessage }
			}
			if err := json.Unmarshal([]byte(out), &a); err != nil {
				t.Fatal(out, err)
			}
			if a.Ok == nil {
				return "null"
			}
			return string(a.Ok.Value)
		}
		out, err := wasmCall(t, r, code, "get", map[string]string{"group": group, "key": key})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}

	set(w, "own", "k", "wasm's")
	set(ts, "own", "k", "ts's")
	if got := get(w, "own", "k"); got != `"wasm's"` {
		t.Errorf("wasm own: %s", got)
	}
	if got := get(ts, "own", "k"); got != `"ts's"` {
		t.Errorf("ts own: %s", got)
	}
	set(w, "mine", "only", 1)
	if got := get(ts, "mine", "only"); got != "null" {
		t.Errorf("ts reads wasm's own group: %s", got)
	}
	set(ts, "theirs", "only", 2)
	if got := get(w, "theirs", "only"); got != "null" {
		t.Errorf("wasm reads ts's own group: %s", got)
	}

	set(w, "shared", "from-wasm", map[string]int{"n": 1})
	set(ts, "shared", "from-ts", map[string]int{"n": 2})
	if got := get(ts, "shared", "from-wasm"); got != `{"n":1}` {
		t.Errorf("ts reads shared: %s", got)
	}
	if got := get(w, "shared", "from-ts"); got != `{"n":2}` {
		t.Errorf("wasm reads shared: %s", got)
	}

	_, err := wasmCall(t, r, w, "store_get", map[string]string{"group": "_system", "key": "x"})
	if ex := exceptionOf(t, err); ex.Name != "PermissionDenied" {
		t.Errorf("reserved group: %v", err)
	}
}

// A plugin that never returns is stopped by limits.timeout, and the
// supervisor restarts it like a TypeScript module.
func TestWasmTimeoutRestart(t *testing.T) {
	r, _ := openTest(t, modules.Options{Restart: fastRestart})
	code := mustLoad(t, r, writeWasmModule(t, r, "spin", "limits:\n  timeout: 200ms\n"))
	_, err := wasmCall(t, r, code, "spin", nil)
	if !errors.Is(err, errs.ErrTimeout) {
		t.Fatalf("want a timeout, got %v", err)
	}
	waitFor(t, func() bool { st, _ := r.Status(code); return st.State == modules.StateRunning && st.Restarts == 1 })
	if out, err := wasmCall(t, r, code, "echo", "again"); err != nil || out != `"again"` {
		t.Fatalf("after restart: %s %v", out, err)
	}
}

// waitFor polls ok until the test's deadline (a restart's backoff and
// start take what they take on a loaded machine).
func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	testutil.WaitFor(t, "the module to be running again", ok)
}

// Growing past limits.memory fails the call (the module is restarted);
// a plugin that needs more than the cap to start is refused at load.
func TestWasmMemoryCap(t *testing.T) {
	r, _ := openTest(t, modules.Options{Restart: fastRestart})
	code := mustLoad(t, r, writeWasmModule(t, r, "hog", "limits:\n  memory: 4MiB\n"))
	_, err := wasmCall(t, r, code, "hog", nil)
	if !errors.Is(err, errs.ErrCrashed) || !strings.Contains(err.Error(), "unreachable") {
		t.Fatalf("want a trap at the cap, got %v", err)
	}
	waitFor(t, func() bool { st, _ := r.Status(code); return st.State == modules.StateRunning && st.Restarts == 1 })
	if out, err := wasmCall(t, r, code, "echo", 1); err != nil || out != "1" {
		t.Fatalf("after restart: %s %v", out, err)
	}

	dir := writeModule(t, filepath.Join(r.AppRoot(), "big"), map[string]string{
		".core/view.yml": "code: big\nruntime: wasm\nmain: bigmem.wasm\n",
		"bigmem.wasm":    wasmPlugin(t, "bigmem"),
	})
	_, err = r.Load(context.Background(), dir)
	if err == nil || !strings.Contains(err.Error(), "over limit of 1024 pages") {
		t.Fatalf("big plugin: %v", err)
	}
	if st, _ := r.Status("big"); st.State != modules.StateErrored {
		t.Fatalf("big status %+v", st)
	}
}

// Forged offsets into our host functions get error answers, never a host
// panic; a forged output gives nothing.
func TestWasmForgedOffsets(t *testing.T) {
	r, _ := openTest(t, modules.Options{Restart: fastRestart})
	code := mustLoad(t, r, writeWasmModule(t, r, "forger", "permissions:\n  read: [\"./\"]\n"))
	out, err := wasmCall(t, r, code, "forged", "some input to make a block")
	if err != nil || !strings.Contains(out, "invalid memory block") || !strings.Contains(out, `"TypeError"`) {
		t.Fatalf("forged: %s %v", out, err)
	}
	// the kernel refuses a block it did not allocate: an error or no output
	if out, err := wasmCall(t, r, code, "forged_output", nil); err == nil && out != "null" {
		t.Fatalf("a forged output was accepted: %q", out)
	}
	waitFor(t, func() bool { st, _ := r.Status(code); return st.State == modules.StateRunning })
	if out, err := wasmCall(t, r, code, "echo", 1); err != nil || out != "1" {
		t.Fatalf("after: %s %v", out, err)
	}
}

func TestWasmFuelRefused(t *testing.T) {
	r, _ := openTest(t, modules.Options{})
	dir := writeWasmModule(t, r, "fuel", "limits:\n  fuel: 1000\n")
	_, err := r.Load(context.Background(), dir)
	if err == nil || !strings.Contains(err.Error(), "view.yml:5") || !strings.Contains(err.Error(), "limits.fuel: is not supported for runtime: wasm") {
		t.Fatalf("fuel: %v", err)
	}
}

func TestWasmLog(t *testing.T) {
	r, logs := openTest(t, modules.Options{})
	code := mustLoad(t, r, writeWasmModule(t, r, "logger", ""))
	if _, err := wasmCall(t, r, code, "log", map[string]string{"level": "warn", "text": "careful"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "logger warn: careful") {
		t.Fatalf("logs: %q", logs.String())
	}
}

// BenchmarkWasmLoadCallUnload and BenchmarkTypeScriptLoadCallUnload are
// a module's whole life (load, instantiate, one call, unload) for each kind.
func BenchmarkWasmLoadCallUnload(b *testing.B) {
	r, _ := openTest(b, modules.Options{})
	dir := writeWasmModule(b, r, "bench", "")
	benchLife(b, r, dir)
}

func BenchmarkTypeScriptLoadCallUnload(b *testing.B) {
	r, _ := openTest(b, modules.Options{})
	dir := writeModule(b, filepath.Join(r.AppRoot(), "bench"), map[string]string{
		".core/view.yml": "code: bench\n",
		"main.ts":        "export const echo = (x: unknown) => x;\n",
	})
	benchLife(b, r, dir)
}

func benchLife(b *testing.B, r *modules.Runtime, dir string) {
	ctx := context.Background()
	for b.Loop() {
		code, err := r.Load(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		if out, err := r.Call(ctx, code, "echo", 42); err != nil || string(out) != "42" {
			b.Fatal(string(out), err)
		}
		if err := r.Unload(ctx, code); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWasmCall(b *testing.B) {
	r, _ := openTest(b, modules.Options{})
	code := mustLoad(b, r, writeWasmModule(b, r, "bench", ""))
	ctx := context.Background()
	for b.Loop() {
		if out, err := r.Call(ctx, code, "echo", 42); err != nil || string(out) != "42" {
			b.Fatal(string(out), err)
		}
	}
}

// Wasm modules reach the network and programs through the same checks as
// TypeScript ones: a granted request works, a refused one has the same
// text, and per-call budgets count per call.
func TestWasmNetAndRun(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Seen", r.Method)
		w.Write([]byte("pong"))
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	r, _ := openTest(t, modules.Options{})
	grants := fmt.Sprintf("permissions:\n  net: [%q]\n  run: [\"echo\"]\nlimits:\n  fetch_requests: 2\n", host)
	w := mustLoad(t, r, writeWasmModule(t, r, "wnet", grants))
	ts := mustLoad(t, r, writeModule(t, filepath.Join(r.AppRoot(), "tnet"), map[string]string{
		".core/view.yml": "code: tnet\n" + grants,
		"main.ts":        "export const get = async (a: {url: string}) => (await fetch(a.url)).text();\n",
	}))

	out, err := wasmCall(t, r, w, "fetch", map[string]any{"url": srv.URL + "/x", "method": "POST", "body": "hi"})
	if err != nil || !strings.Contains(out, `"status":200`) || !strings.Contains(out, `"body":"pong"`) || !strings.Contains(out, `"X-Seen","POST"`) {
		t.Fatalf("wasm fetch: %s %v", out, err)
	}
	// The budget is per call: a second call has its own.
	if _, err := wasmCall(t, r, w, "fetch", map[string]any{"url": srv.URL}); err != nil {
		t.Fatalf("second call's fetch: %v", err)
	}
	for _, u := range []string{"http://169.254.169.254/", "http://example.com/"} {
		_, werr := wasmCall(t, r, w, "fetch", map[string]any{"url": u})
		_, terr := wasmCall(t, r, ts, "get", map[string]any{"url": u})
		we, te := exceptionOf(t, werr), exceptionOf(t, terr)
		if we.Name != "PermissionDenied" || we.Name != te.Name || we.Message != te.Message {
			t.Fatalf("%s: wasm %s: %s; ts %s: %s", u, we.Name, we.Message, te.Name, te.Message)
		}
	}

	_, err = wasmCall(t, r, w, "process_start", map[string]any{"cmd": "sh", "args": []string{"-c", "id"}})
	if ex := exceptionOf(t, err); ex.Name != "PermissionDenied" || !strings.Contains(ex.Message, `run "sh" is not granted`) {
		t.Fatalf("process_start sh: %s: %s", ex.Name, ex.Message)
	}
	if runtime.GOOS == "windows" {
		return
	}
	if _, err := exec.LookPath("echo"); err != nil {
		return
	}
	out, err = wasmCall(t, r, w, "process_start", map[string]any{"cmd": "echo", "args": []string{"a b; c"}})
	if err != nil || !strings.HasPrefix(out, `{"ok":`) {
		t.Fatalf("process_start echo: %s %v", out, err)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(out, `{"ok":`), "}")
	out, err = wasmCall(t, r, w, "process_wait", map[string]json.RawMessage{"id": json.RawMessage(id)})
	if err != nil || !strings.Contains(out, `"stdout":"a b; c\n"`) || !strings.Contains(out, `"code":0`) {
		t.Fatalf("process_wait: %s %v", out, err)
	}
}

// A wasm module installs from a directory like a TypeScript one.
func TestWasmInstall(t *testing.T) {
	r, _ := openTest(t, modules.Options{})
	src := writeWasmModule(t, r, "winstall", "")
	ctx := context.Background()
	m, err := r.Install(ctx, src, modules.InstallOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Code != "winstall" || !strings.HasSuffix(filepath.ToSlash(m.Dir), "modules/winstall") {
		t.Fatalf("installed %+v", m)
	}
	if out, err := wasmCall(t, r, "winstall", "echo", map[string]int{"a": 1}); err != nil || out != `{"a":1}` {
		t.Fatalf("echo after install: %s %v", out, err)
	}
	if err := r.Remove(ctx, "winstall"); err != nil {
		t.Fatal(err)
	}
}

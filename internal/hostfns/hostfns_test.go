package hostfns_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/hostfns"
	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/internal/testutil"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

// testEnv is one host: an app root in a temporary directory, an in-memory
// store, an audit log, and an engine with the host's functions.
type testEnv struct {
	t     *testing.T
	root  string
	db    *kv.DB
	host  *hostfns.Host
	eng   *jsengine.Engine
	audit *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newEnv(t *testing.T, cfg hostfns.Config) *testEnv {
	t.Helper()
	e := &testEnv{t: t, root: t.TempDir(), db: kv.OpenMemory(kv.Options{}), audit: &syncBuffer{}}
	if cfg.AppRoot == "" {
		cfg.AppRoot = e.root
	} else if cfg.AppRoot == "-" {
		cfg.AppRoot = ""
	}
	cfg.Store = e.db
	cfg.Audit = e.audit
	h, err := hostfns.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.host = h
	ctx := context.Background()
	eng, err := jsengine.New(ctx, h.Engine())
	if err != nil {
		t.Fatal(err)
	}
	e.eng = eng
	t.Cleanup(func() {
		eng.Close(ctx)
		e.db.Close()
	})
	return e
}

func (e *testEnv) write(rel, content string) {
	e.t.Helper()
	p := filepath.Join(e.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

func (e *testEnv) read(rel string) string {
	e.t.Helper()
	b, err := os.ReadFile(filepath.Join(e.root, filepath.FromSlash(rel)))
	if err != nil {
		e.t.Fatal(err)
	}
	return string(b)
}

// testModule is a bound module running in its own instance.
type testModule struct {
	env *testEnv
	mod *hostfns.Module
	in  *jsengine.Instance
	out *syncBuffer
}

func (e *testEnv) module(manifestYAML string, opts ...func(*jsengine.InstanceConfig)) *testModule {
	e.t.Helper()
	m, err := manifest.Parse("view.yml", []byte(manifestYAML), manifest.Options{Capabilities: e.host.Capabilities()})
	if err != nil {
		e.t.Fatal(err)
	}
	mod, err := e.host.Bind(m)
	if err != nil {
		e.t.Fatal(err)
	}
	tm := &testModule{env: e, mod: mod, out: &syncBuffer{}}
	cfg := jsengine.InstanceConfig{Name: m.Code, Data: mod, Timeout: 10 * time.Second,
		Output: func(level, text string) { fmt.Fprintf(tm.out, "%s: %s\n", level, text) }}
	for _, o := range opts {
		o(&cfg)
	}
	in, err := e.eng.NewInstance(context.Background(), cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	tm.in = in
	e.t.Cleanup(func() {
		in.Close()
		mod.Close()
	})
	return tm
}

// run evaluates body as an async function and returns its JSON result, or
// the error "Name: message" it threw.
func (tm *testModule) run(body string) (string, error) {
	tm.env.t.Helper()
	return tm.runCtx(context.Background(), body)
}

var loadSeq atomic.Int64

func (tm *testModule) runCtx(ctx context.Context, body string) (string, error) {
	tm.env.t.Helper()
	name := fmt.Sprintf("t%d", loadSeq.Add(1))
	code := "var __corets_exports = { async " + name + "() {\n" + body + "\n} };"
	if err := tm.in.Load(ctx, jsengine.Bundle{Name: "test.js", Code: code}); err != nil {
		tm.env.t.Fatalf("load: %v", err)
	}
	res, err := tm.in.Call(ctx, name, json.RawMessage(`[]`))
	if err != nil {
		var ex *jsengine.Exception
		if errors.As(err, &ex) {
			return "", fmt.Errorf("%s: %s", ex.Name, ex.Message)
		}
		return "", err
	}
	return string(res.Value), nil
}

func (tm *testModule) mustRun(body string) string {
	tm.env.t.Helper()
	out, err := tm.run(body)
	if err != nil {
		tm.env.t.Fatalf("%v\nconsole:\n%s", err, tm.out.String())
	}
	return out
}

func (tm *testModule) mustFail(body, want string) {
	tm.env.t.Helper()
	out, err := tm.run(body)
	if err == nil {
		tm.env.t.Fatalf("succeeded with %s; want an error containing %q", out, want)
	}
	if !strings.Contains(err.Error(), want) {
		tm.env.t.Fatalf("error %q\nwant it to contain %q", err, want)
	}
}

func TestFiles(t *testing.T) {
	t.Parallel()
	e := newEnv(t, hostfns.Config{})
	e.write("data/in.txt", "hello")
	e.write("data-secrets/key", "secret")
	e.write("secrets/key", "secret")
	m := e.module(`
code: files
permissions:
  read: ["./data/", "./out"]
  write: ["./out"]
`)
	if got := m.mustRun(`return await core.fileRead("./data/in.txt")`); got != `"hello"` {
		t.Fatalf("fileRead = %s", got)
	}
	if got := m.mustRun(`return Array.from(await core.fileReadBytes("data/in.txt"))`); got != `[104,101,108,108,111]` {
		t.Fatalf("fileReadBytes = %s", got)
	}
	m.mustRun(`await core.fileMkdir("out/sub"); await core.fileWrite("out/sub/a.txt", "ü"); await core.fileWriteBytes("out/b.bin", new Uint8Array([1,2,3]))`)
	if got := e.read("out/sub/a.txt"); got != "ü" {
		t.Fatalf("written %q", got)
	}
	if got := e.read("out/b.bin"); got != "\x01\x02\x03" {
		t.Fatalf("written %q", got)
	}
	got := m.mustRun(`const l = await core.fileList("out"); return l.map(f => [f.name, f.isDirectory, f.size])`)
	if got != `[["b.bin",false,3],["sub",true,0]]` && !strings.HasPrefix(got, `[["b.bin",false,3],["sub",true,`) {
		t.Fatalf("fileList = %s", got)
	}
	if got := m.mustRun(`const s = await core.fileStat("out/b.bin"); return [s.size, s.isFile, typeof s.modified]`); got != `[3,true,"number"]` {
		t.Fatalf("fileStat = %s", got)
	}
	if got := m.mustRun(`return await core.fileStat("out/none")`); got != `null` {
		t.Fatalf("fileStat of a missing file = %s", got)
	}
	m.mustRun(`await core.fileDelete("out/b.bin")`)
	if _, err := os.Stat(filepath.Join(e.root, "out", "b.bin")); !os.IsNotExist(err) {
		t.Fatalf("fileDelete left the file: %v", err)
	}
	m.mustFail(`await core.fileRead("data/none")`, `NotFound`)

	// Refusals name the capability, the value and the manifest key.
	for _, c := range []struct{ body, want string }{
		{`await core.fileRead("./secrets/key")`, `PermissionDenied: read "./secrets/key" is not granted (add it to permissions.read in .core/view.yml)`},
		{`await core.fileRead("data-secrets/key")`, `PermissionDenied: read "data-secrets/key" is not granted`},
		{`await core.fileRead("../outside")`, `PermissionDenied: read "../outside" is refused`},
		{`await core.fileRead("/etc/passwd")`, `PermissionDenied: read "/etc/passwd" is refused`},
		{`await core.fileRead("data/in.txt\u0000x")`, `PermissionDenied`},
		{`await core.fileRead("C:\\Windows\\win.ini")`, `PermissionDenied`},
		{`await core.fileRead("data/in.txt:stream")`, `PermissionDenied`},
		{`await core.fileWrite("data/in.txt", "x")`, `PermissionDenied: write "data/in.txt" is not granted (add it to permissions.write in .core/view.yml)`},
		{`await core.fileDelete("data/in.txt")`, `PermissionDenied: write "data/in.txt"`},
		{`await core.fileList("secrets")`, `PermissionDenied: read "secrets"`},
		{`await core.fileRead(42)`, `TypeError: path must be a string`},
	} {
		m.mustFail(c.body, c.want)
	}
	if e.read("data/in.txt") != "hello" {
		t.Fatal("a refused write changed the file")
	}
	// The error a module sees never shows where the app root is.
	if _, err := m.run(`await core.fileRead("data/none")`); err == nil || strings.Contains(err.Error(), e.root) {
		t.Fatalf("error leaks the host path: %v", err)
	}
}

func TestFileLimitsAndAtomicWrite(t *testing.T) {
	t.Parallel()
	e := newEnv(t, hostfns.Config{})
	e.write("data/big", strings.Repeat("x", 2000))
	e.write("data/keep", "old content")
	m := e.module(`
code: limits
permissions: {read: [data], write: [data]}
limits: {read_bytes: 1000, write_bytes: 1000}
`)
	m.mustFail(`await core.fileRead("data/big")`, `QuotaExceeded: read: "data/big" is larger than 1000 bytes (raise limits.read_bytes in .core/view.yml)`)
	m.mustFail(`await core.fileWrite("data/keep", "y".repeat(1001))`, `QuotaExceeded: write: writing 1001 bytes to "data/keep" is more than 1000 (raise limits.write_bytes`)
	if got := e.read("data/keep"); got != "old content" {
		t.Fatalf("a refused write left %q", got)
	}
	m.mustRun(`await core.fileWrite("data/keep", "new")`)
	if got := e.read("data/keep"); got != "new" {
		t.Fatalf("after write: %q", got)
	}
	ents, _ := os.ReadDir(filepath.Join(e.root, "data"))
	for _, de := range ents {
		if strings.HasPrefix(de.Name(), ".corets-tmp") {
			t.Fatalf("a temporary file was left: %s", de.Name())
		}
	}
}

func TestNoAppRootOrStore(t *testing.T) {
	t.Parallel()
	e := newEnv(t, hostfns.Config{AppRoot: "-"})
	m := e.module("code: bare\n")
	m.mustFail(`await core.fileRead("x")`, `PermissionDenied`)
	// Unbound instances (no Module attached) can do nothing.
	in, err := e.eng.NewInstance(context.Background(), jsengine.InstanceConfig{Name: "unbound"})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if err := in.Load(context.Background(), jsengine.Bundle{Name: "u.js", Code: `var __corets_exports = {async f() { return core.storeGet("a", "b") }}`}); err != nil {
		t.Fatal(err)
	}
	_, err = in.Call(context.Background(), "f", json.RawMessage(`[]`))
	var ex *jsengine.Exception
	if !errors.As(err, &ex) || ex.Name != "PermissionDenied" || !strings.Contains(ex.Message, "no capabilities") {
		t.Fatalf("unbound call: %v", err)
	}
}

func TestStorePartitions(t *testing.T) {
	t.Parallel()
	e := newEnv(t, hostfns.Config{})
	a := e.module("code: mod-a\npermissions: {store: [shared-settings]}\n")
	b := e.module("code: mod-b\npermissions: {store: [shared-settings]}\n")
	c := e.module("code: mod-c\n")

	if got := a.mustRun(`return await core.storeSet("x", "k", {n: 1, s: "a"})`); got != "1" && !isNumber(got) {
		t.Fatalf("storeSet = %s", got)
	}
	if got := a.mustRun(`return await core.storeGet("x", "k")`); got != `{"n":1,"s":"a"}` {
		t.Fatalf("own get = %s", got)
	}
	if got := b.mustRun(`return await core.storeGet("x", "k")`); got != `null` {
		t.Fatalf("module b read module a's group x: %s", got)
	}
	a.mustRun(`await core.storeSet("shared-settings", "theme", "dark")`)
	if got := b.mustRun(`return await core.storeGet("shared-settings", "theme")`); got != `"dark"` {
		t.Fatalf("shared group: %s", got)
	}
	// c is not granted the shared group: the name is its own group.
	if got := c.mustRun(`return await core.storeGet("shared-settings", "theme")`); got != `null` {
		t.Fatalf("ungranted module read the shared group: %s", got)
	}
	for _, g := range []string{"_modules", "_", "_state"} {
		a.mustFail(fmt.Sprintf(`await core.storeGet(%q, "k")`, g), `PermissionDenied: store "`+g+`" is refused`)
		a.mustFail(fmt.Sprintf(`await core.storeSet(%q, "k", 1)`, g), `PermissionDenied`)
	}
	a.mustFail(`await core.storeSet("", "k", 1)`, `TypeError`)
	a.mustFail(`await core.storeSet("x", "k", undefined)`, `TypeError: value must be representable as JSON`)

	got := a.mustRun(`
		for (let i = 0; i < 5; i++) await core.storeSet("list", "item" + i, i);
		await core.storeSet("list", "other", 0);
		const p1 = await core.storeList("list", {prefix: "item", limit: 3});
		const p2 = await core.storeList("list", {prefix: "item", limit: 3, cursor: p1.cursor});
		return [p1.entries.map(e => e.key + "=" + e.value), p2.entries.map(e => e.key), p2.cursor]`)
	if got != `[["item0=0","item1=1","item2=2"],["item3","item4"],null]` {
		t.Fatalf("storeList = %s", got)
	}
	if got := a.mustRun(`return [await core.storeDelete("list", "other"), await core.storeDelete("list", "other")]`); got != `[true,false]` {
		t.Fatalf("storeDelete = %s", got)
	}
}

func isNumber(s string) bool {
	var f float64
	return json.Unmarshal([]byte(s), &f) == nil
}

func TestStoreQuotaAndCAS(t *testing.T) {
	t.Parallel()
	e := newEnv(t, hostfns.Config{})
	m := e.module("code: quota\nlimits: {store_bytes: 100, store_keys: 3}\n")
	m.mustRun(`await core.storeSet("g", "a", "x".repeat(50))`)
	m.mustFail(`await core.storeSet("g", "b", "x".repeat(60))`, `QuotaExceeded`)
	m.mustRun(`await core.storeSet("g", "b", 1); await core.storeSet("g", "c", 2)`)
	m.mustFail(`await core.storeSet("g", "d", 3)`, `QuotaExceeded`)

	got := m.mustRun(`
		const r1 = await core.storeCompareAndSet("g", "c", 5, 0);
		const cur = await core.storeGetEntry("g", "c");
		const r2 = await core.storeCompareAndSet("g", "c", 6, cur.version);
		const r3 = await core.storeCompareAndSet("g", "c", 7, cur.version);
		return [r1.ok, r1.version === cur.version, r2.ok, r3.ok, r3.version === r2.version, await core.storeGet("g", "c")]`)
	if got != `[false,true,true,false,true,6]` {
		t.Fatalf("compare-and-set = %s", got)
	}

	// Many instances of modules sharing a group increment a counter with
	// compare-and-set retry loops: no update is lost.
	const workers, each = 6, 20
	var mods []*testModule
	for i := 0; i < workers; i++ {
		mods = append(mods, e.module(fmt.Sprintf("code: w%d\npermissions: {store: [counter]}\n", i)))
	}
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for _, w := range mods {
		wg.Add(1)
		go func(w *testModule) {
			defer wg.Done()
			_, err := w.run(fmt.Sprintf(`
				for (let i = 0; i < %d; i++) {
					for (;;) {
						const cur = await core.storeGetEntry("counter", "n");
						const next = cur ? cur.value + 1 : 1;
						const r = await core.storeCompareAndSet("counter", "n", next, cur ? cur.version : 0);
						if (r.ok) break;
					}
				}`, each))
			errs <- err
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := mods[0].mustRun(`return await core.storeGet("counter", "n")`); got != fmt.Sprint(workers*each) {
		t.Fatalf("counter = %s, want %d", got, workers*each)
	}
}

// loopbackResolver answers every name with 127.0.0.1, like a DNS record an
// attacker points at the host's own services.
type loopbackResolver struct{}

func (loopbackResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
}

func TestFetch(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/echo":
			body := new(bytes.Buffer)
			body.ReadFrom(r.Body)
			w.Header().Set("X-Method", r.Method)
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(map[string]string{"body": body.String(), "h": r.Header.Get("X-Test"), "ua": r.Header.Get("User-Agent")})
		case "/redirect-ok":
			http.Redirect(w, r, "/echo", http.StatusFound)
		case "/redirect-out":
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
		case "/big":
			w.Write(bytes.Repeat([]byte("x"), 5000))
		case "/status":
			w.WriteHeader(418)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	hostport := strings.TrimPrefix(srv.URL, "http://")
	port := hostport[strings.LastIndexByte(hostport, ':')+1:]

	e := newEnv(t, hostfns.Config{Resolver: loopbackResolver{}})
	m := e.module(fmt.Sprintf(`
code: net
permissions:
  net: ["%s", "api.test:%s", "evil.test:%s"]
limits: {fetch_bytes: 1000, fetch_requests: 5}
`, hostport, port, port))

	got := m.mustRun(fmt.Sprintf(`
		const r = await fetch("%s/echo", {method: "POST", body: "hi", headers: {"X-Test": "yes"}});
		return [r.status, r.ok, r.headers.get("x-method"), await r.json()]`, srv.URL))
	if got != `[200,true,"POST",{"body":"hi","h":"yes","ua":"corets-wasm"}]` {
		t.Fatalf("fetch = %s", got)
	}
	got = m.mustRun(fmt.Sprintf(`const r = await fetch("%s/redirect-ok"); return [r.redirected, r.url.endsWith("/echo"), r.status]`, srv.URL))
	if got != `[true,true,200]` {
		t.Fatalf("redirect = %s", got)
	}
	if got := m.mustRun(fmt.Sprintf(`const r = await fetch("%s/status"); return [r.status, r.ok, (await r.arrayBuffer()).byteLength]`, srv.URL)); got != `[418,false,0]` {
		t.Fatalf("status = %s", got)
	}
	// api.test is granted by name but resolves to loopback, which only a
	// literal grant opens; 127.0.0.1:port is granted literally, so it works.
	// evil.test too: the dial-time check is on the address.
	if got := m.mustRun(fmt.Sprintf(`const r = await fetch("http://api.test:%s/echo"); return r.status`, port)); got != `200` {
		t.Fatalf("named host resolving to a literally granted address = %s", got)
	}
	for _, c := range []struct{ url, want string }{
		{"http://example.com/", `PermissionDenied: net "http://example.com/" is not granted (add it to permissions.net in .core/view.yml)`},
		{"http://127.0.0.1:1/", `PermissionDenied`},
		{"http://localhost:" + port + "/echo", `PermissionDenied`},
		{"http://0x7f000001:1/", `PermissionDenied`},
		{"http://2130706433:1/", `PermissionDenied`},
		{"http://[::1]:" + port + "/", `PermissionDenied`},
		{"http://169.254.169.254/", `PermissionDenied`},
		{"file:///etc/passwd", `PermissionDenied`},
		{srv.URL + "/redirect-out", `PermissionDenied`},
		{srv.URL + "/big", `QuotaExceeded: net: the response from "` + srv.URL + `/big" is larger than 1000 bytes (raise limits.fetch_bytes`},
		{"not a url", `TypeError`},
	} {
		// the body is read too: a response streams, so one of unknown
		// length meets limits.fetch_bytes as it is read
		m.mustFail(fmt.Sprintf(`await (await fetch(%q)).arrayBuffer()`, c.url), c.want)
	}
	// The same literal in another notation is the same grant.
	if got := m.mustRun(fmt.Sprintf(`return (await fetch("http://0x7f000001:%s/echo")).status`, port)); got != `200` {
		t.Fatalf("hex form of a granted literal = %s", got)
	}
	// More requests in one call than fetch_requests allows.
	m.mustFail(fmt.Sprintf(`for (let i = 0; i < 6; i++) await fetch("%s/echo")`, srv.URL), `QuotaExceeded: net: more than 5 network requests in one call`)
	// The next call has a fresh budget.
	m.mustRun(fmt.Sprintf(`await fetch("%s/echo")`, srv.URL))
	// A response that takes longer than the call's deadline.
	if !strings.Contains(e.audit.String(), `"capability":"net"`) || !strings.Contains(e.audit.String(), `"allowed":false`) {
		t.Fatalf("audit log lacks net records:\n%s", e.audit.String())
	}
}

func TestFetchNameToLoopbackRefused(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("internal")) }))
	defer srv.Close()
	port := srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
	e := newEnv(t, hostfns.Config{Resolver: loopbackResolver{}})
	m := e.module(fmt.Sprintf("code: rebinding\npermissions: {net: [\"api.test:%s\"]}\n", port))
	m.mustFail(fmt.Sprintf(`await fetch("http://api.test:%s/")`, port), `PermissionDenied`)
}

func TestFetchDeadline(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	e := newEnv(t, hostfns.Config{})
	m := e.module(fmt.Sprintf("code: slow\npermissions: {net: [%q]}\n", strings.TrimPrefix(srv.URL, "http://")),
		func(c *jsengine.InstanceConfig) { c.Timeout = 300 * time.Millisecond })
	_, err := m.run(fmt.Sprintf(`await fetch("%s/")`, srv.URL))
	// Either the engine's deadline ends the call, or the fetch, bound to the
	// same deadline, rejects first with a TimeoutError; which comes first
	// depends on scheduling, so both kinds are accepted, and only they.
	if !errors.Is(err, jsengine.ErrTimeout) && (err == nil || !strings.Contains(err.Error(), "TimeoutError")) {
		t.Fatalf("slow fetch: %v, want the call's timeout or a TimeoutError", err)
	}
	t.Logf("slow fetch: %v", err)
	if !errors.Is(err, jsengine.ErrTimeout) && !strings.HasPrefix(err.Error(), "TimeoutError: ") {
		t.Fatalf("slow fetch error: %v", err)
	}
	// A timeout ends the instance (the supervisor restarts modules); a new
	// one for the same module answers.
	m2 := e.module(fmt.Sprintf("code: slow\npermissions: {net: [%q]}\n", strings.TrimPrefix(srv.URL, "http://")))
	m2.mustRun(`return 1`)
}

func TestProcesses(t *testing.T) {
	// Not parallel: sets environment variables (process-wide).
	if runtime.GOOS == "windows" {
		t.Skip("uses POSIX programs")
	}
	for _, p := range []string{"echo", "sh", "sleep", "head"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s not on PATH", p)
		}
	}
	t.Setenv("CORETS_TEST_SECRET", "leaked")
	t.Setenv("CORETS_TEST_PASSED", "passed")
	e := newEnv(t, hostfns.Config{})
	e.write("work/marker", "")
	m := e.module(`
code: procs
permissions:
  run: [echo, sh, sleep, head]
  read: [work]
  env: [CORETS_TEST_PASSED, GREETING]
limits: {output_bytes: 1000, processes: 2}
`)
	got := m.mustRun(`
		const id = await core.processStart("echo", ["a b", "$HOME", "; rm -rf /", "*"]);
		const r = await core.processWait(id);
		return [r.code, r.stdout, r.truncated]`)
	if got != `[0,"a b $HOME ; rm -rf / *\n",false]` {
		t.Fatalf("echo = %s", got)
	}
	got = m.mustRun(`
		const id = await core.processStart("sh", ["-c", "echo $CORETS_TEST_SECRET,$CORETS_TEST_PASSED,$GREETING; pwd; ls; echo err >&2; exit 3"], {cwd: "work", env: {GREETING: "hi"}});
		const r = await core.processWait(id);
		return [r.code, r.stdout, r.stderr]`)
	want := fmt.Sprintf(`[3,",passed,hi\n%s\nmarker\n","err\n"]`, evalSymlinks(t, filepath.Join(e.root, "work")))
	if got != want {
		t.Fatalf("sh = %s\nwant %s", got, want)
	}
	got = m.mustRun(`const r = await core.processWait(await core.processStart("head", ["-c", "100000", "/dev/zero"])); return [r.stdout.length, r.truncated]`)
	if got != `[1000,true]` {
		t.Fatalf("flood = %s", got)
	}
	for _, c := range []struct{ body, want string }{
		{`await core.processStart("ls", [])`, `PermissionDenied: run "ls" is not granted (add it to permissions.run in .core/view.yml)`},
		{`await core.processStart("/bin/echo", [])`, `PermissionDenied`},
		{`await core.processStart("echo", [], {env: {MY_VAR: "x"}})`, `PermissionDenied: env "MY_VAR" is not granted (add it to permissions.env`},
		{`await core.processStart("echo", [], {env: {LD_PRELOAD: "x"}})`, `PermissionDenied: env "LD_PRELOAD" is refused: the dynamic loader reads LD_*`},
		{`await core.processStart("echo", [], {cwd: "../"})`, `PermissionDenied`},
		{`await core.processStart("echo", [1])`, `TypeError`},
		{`await core.processWait(12345)`, `NotFound`},
	} {
		m.mustFail(c.body, c.want)
	}
	// Stopped processes report it.
	got = m.mustRun(`const id = await core.processStart("sleep", ["5"]); await core.processStop(id); const r = await core.processWait(id); return [r.code, r.signal]`)
	if got != `[-1,"stopped"]` {
		t.Fatalf("stop = %s", got)
	}
	// The process cap.
	m.mustFail(`for (let i = 0; i < 3; i++) await core.processStart("sleep", ["5"])`, `QuotaExceeded: run: 2 processes are running already (raise limits.processes`)
}

// TestEnvRefusedWithoutParse binds a manifest that manifest.Parse would
// refuse (an embedder's literal, or one read before the rule existed): the
// host still neither passes the host's LD_PRELOAD nor lets the module set
// it or PATH.
func TestEnvRefusedWithoutParse(t *testing.T) {
	// Not parallel: sets environment variables (process-wide).
	if runtime.GOOS == "windows" {
		t.Skip("uses POSIX programs")
	}
	t.Setenv("LD_PRELOAD", "")   // the host's value must not reach the program
	t.Setenv("GREETING", "host") // a plain granted variable still does
	e := newEnv(t, hostfns.Config{})
	mod, err := e.host.Bind(&manifest.Manifest{Code: "literal", Permissions: manifest.Permissions{
		Run: []string{"sh"}, Env: []string{"LD_PRELOAD", "PATH", "BASH_ENV", "GREETING"}}})
	if err != nil {
		t.Fatal(err)
	}
	tm := &testModule{env: e, mod: mod, out: &syncBuffer{}}
	in, err := e.eng.NewInstance(context.Background(), jsengine.InstanceConfig{Name: "literal", Data: mod, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	tm.in = in
	t.Cleanup(func() { in.Close(); mod.Close() })
	for _, name := range []string{"LD_PRELOAD", "PATH", "BASH_ENV"} {
		tm.mustFail(`await core.processStart("sh", ["-c", "true"], {env: {`+name+`: "./x"}})`, `PermissionDenied: env "`+name+`" is refused`)
	}
	got := tm.mustRun(`const r = await core.processWait(await core.processStart("sh", ["-c", "echo ${LD_PRELOAD-unset},$GREETING"])); return r.stdout`)
	if got != `"unset,host\n"` {
		t.Fatalf("environment = %s", got)
	}
}

func TestProcessKilledAtDeadline(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("uses POSIX programs")
	}
	if _, err := exec.LookPath("sleep"); err != nil {
		t.Skip("sleep not on PATH")
	}
	e := newEnv(t, hostfns.Config{})
	m := e.module("code: killed\npermissions: {run: [sleep]}\n")
	// The start must come before the deadline even on a busy machine: 1s.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	id, err := m.runCtx(ctx, `return await core.processStart("sleep", ["30"])`)
	if err != nil {
		t.Fatal(err)
	}
	got := m.mustRun(`const r = await core.processWait(` + id + `); return [r.code, r.signal]`)
	if got != `[-1,"deadline"]` {
		t.Fatalf("after the deadline: %s", got)
	}
	// Unloading kills what is left.
	arg := testutil.UniqueSleep(30)
	m.mustRun(`return await core.processStart("sleep", ["` + arg + `"])`)
	m.mod.Close()
	if runtime.GOOS == "linux" {
		testutil.NoSleepers(t, arg, "after the module closed")
	}
}

func evalSymlinks(t *testing.T, p string) string {
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestEmbedderFunctions(t *testing.T) {
	t.Parallel()
	var seen []hostfns.Call
	var mu sync.Mutex
	e := newEnv(t, hostfns.Config{Funcs: []hostfns.Func{
		{Name: "email.send", Capability: "email", Fn: func(_ context.Context, c hostfns.Call, arg json.RawMessage) (any, error) {
			mu.Lock()
			seen = append(seen, c)
			mu.Unlock()
			var req struct{ To string }
			json.Unmarshal(arg, &req)
			for _, g := range c.Grants {
				if strings.HasSuffix(req.To, g) {
					return map[string]string{"sent": req.To}, nil
				}
			}
			return nil, errors.New("recipient not allowed")
		}},
		{Name: "slow.echo", Capability: "email", Async: true, Fn: func(ctx context.Context, c hostfns.Call, arg json.RawMessage) (any, error) {
			time.Sleep(10 * time.Millisecond)
			return arg, nil
		}},
	}})
	if got := e.host.Capabilities(); len(got) != 1 || got[0] != "email" {
		t.Fatalf("Capabilities = %v", got)
	}
	granted := e.module("code: mailer\npermissions: {email: [\"@example.com\"]}\n")
	refused := e.module("code: other\n")
	if got := granted.mustRun(`return await core.call("email.send", {to: "a@example.com"})`); got != `{"sent":"a@example.com"}` {
		t.Fatalf("call = %s", got)
	}
	if got := granted.mustRun(`return await core.call("slow.echo", [1, "x"])`); got != `[1,"x"]` {
		t.Fatalf("async call = %s", got)
	}
	granted.mustFail(`await core.call("email.send", {to: "a@evil.com"})`, `Error: email.send: recipient not allowed`)
	refused.mustFail(`await core.call("email.send", {to: "a@example.com"})`, `PermissionDenied: email "email.send" is not granted (add it to permissions.email in .core/view.yml)`)
	granted.mustFail(`await core.call("nope")`, `TypeError: core.call: no host function "nope"`)
	if len(seen) == 0 || seen[0].Module != "mailer" {
		t.Fatalf("identity = %+v", seen)
	}
	if _, err := hostfns.New(hostfns.Config{Funcs: []hostfns.Func{{Name: "x", Capability: "read", Fn: func(context.Context, hostfns.Call, json.RawMessage) (any, error) { return nil, nil }}}}); err == nil {
		t.Fatal("a built-in capability name was accepted for an embedder function")
	}
}

func TestIdentityAndAudit(t *testing.T) {
	t.Parallel()
	e := newEnv(t, hostfns.Config{})
	m := e.module("code: who\nname: Who\nversion: \"2.1\"\n")
	if got := m.mustRun(`return core.module`); got != `{"code":"who","name":"Who","version":"2.1"}` {
		t.Fatalf("core.module = %s", got)
	}
	// core cannot be replaced or changed by the module.
	if got := m.mustRun(`try { core.fileRead = null } catch (e) {} try { globalThis.core = 1 } catch (e) {} return typeof core.fileRead`); got != `"function"` {
		t.Fatalf("core was changed: %s", got)
	}
	m.mustFail(`await core.fileRead("x")`, "PermissionDenied")
	var rec struct {
		Module, Capability, Value string
		Allowed                   bool
	}
	lines := strings.Split(strings.TrimSpace(e.audit.String()), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &rec); err != nil {
		t.Fatalf("audit line %q: %v", lines[len(lines)-1], err)
	}
	if rec.Module != "who" || rec.Capability != "read" || rec.Value != "x" || rec.Allowed {
		t.Fatalf("audit record %+v", rec)
	}
}

func TestBindRefusesBadGrants(t *testing.T) {
	t.Parallel()
	e := newEnv(t, hostfns.Config{})
	for _, c := range []struct{ yaml, want string }{
		{"code: a\npermissions:\n  read: [\"../x\"]\n", "view.yml:3"},
		{"code: a\npermissions:\n  net: [\"http://\"]\n", "view.yml:3"},
		{"code: a\npermissions:\n  store: [\"_modules\"]\n", "reserved"},
	} {
		m, err := manifest.Parse("view.yml", []byte(c.yaml), manifest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.host.Bind(m); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Bind(%q) = %v; want an error containing %q", c.yaml, err, c.want)
		}
	}
}

func TestDeclarationsShipped(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"interface Core", "fileRead", "storeCompareAndSet", "processStart", "declare function fetch"} {
		if !strings.Contains(hostfns.Declarations, name) {
			t.Errorf("core.d.ts lacks %q", name)
		}
	}
}

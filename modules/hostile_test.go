package modules

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strconv"
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

// The hostile corpus: every directory of testdata/hostile with an
// expect.json is a module written to break out, loaded through Load like a
// user's module into one runtime beside the canary, a well-behaved module
// whose answers must never change. expect.json says what each exported
// function must come to: a result, a JS error with a name and a message
// naming what was refused, or a limit that ended the call. Around every
// case the test checks what no case may change: the canary answers during
// and after it, nothing outside the granted paths was written, and
// goroutines and open files return to their count before it.

// hostileSpec is a module's expect.json.
type hostileSpec struct {
	About  string `json:"about"`
	Canary bool   `json:"canary"` // the canary, not a case
	OS     string `json:"os"`     // "unix": needs Unix (symlinks, programs); "linux": needs Linux
	Setup  struct {
		Dirs       []string          `json:"dirs"`       // made under the app root
		Files      map[string]string `json:"files"`      // app-root path -> content
		Symlinks   map[string]string `json:"symlinks"`   // app-root path -> target (Unix only)
		Executable []string          `json:"executable"` // module files made executable
		Sizes      map[string]int    `json:"sizes"`      // app-root path -> size of a file of 'b's
	} `json:"setup"`
	Load  *hostileCall  `json:"load"` // set when loading itself must fail
	Calls []hostileCall `json:"calls"`
}

// hostileCall is one call and its expected outcome: exactly one of Error,
// Limit, Fails and Result.
type hostileCall struct {
	Fn   string            `json:"fn"`
	Args []json.RawMessage `json:"args"`
	OS   string            `json:"os"`
	// Error is the JS error's name, or a list of acceptable names.
	Error json.RawMessage `json:"error"`
	// Limit is the engine limit that ends the call: timeout, fuel,
	// memory, stack or result.
	Limit string `json:"limit"`
	// Contains are substrings the error message must hold: what was
	// refused, or which limit to raise.
	Contains []string `json:"contains"`
	// Result is the JSON the call must return.
	Result json.RawMessage `json:"result"`
	// Fails: a Go error whose message holds Contains (a load refused).
	Fails bool `json:"fails"`
	// During names a Go helper that runs while the call does; Check one
	// that runs after it (see hostileHelpers).
	During string `json:"during"`
	Check  string `json:"check"`
}

// Placeholders in the corpus' text files, replaced when a module is copied
// into the app root: the ports of the test's HTTP servers and directories
// only the test knows.
const (
	phPort    = "{{PORT}}"    // the granted server (by literal address 127.0.0.1)
	phPort2   = "{{PORT2}}"   // a server no module is granted
	phOutside = "{{OUTSIDE}}" // a directory outside the app root, slash-separated
	phRoot    = "{{ROOT}}"    // the app root, slash-separated
)

// hostileEnv is what one corpus run shares: the runtime, the canary, the
// servers and the directories.
type hostileEnv struct {
	r        *Runtime
	root     string // app root
	outside  string // outside the app root; symlinks point here
	replacer *strings.Replacer
	canary   hostileCall
	out      *outputSink

	granted, ungranted *httptest.Server
	hits               sync.Map // path -> *atomic.Int64, on the granted server
	ungrantedHits      atomic.Int64
}

// outputSink counts console output per module and keeps only a little.
type outputSink struct {
	mu    sync.Mutex
	bytes map[string]int64
	last  map[string]string
}

func (o *outputSink) add(module, level, text string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.bytes[module] += int64(len(text))
	if len(text) > 1000 {
		text = text[:1000] + "..."
	}
	o.last[module] = level + ": " + text
}

func (o *outputSink) lastLine(module string) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.last[module]
}

func (o *outputSink) count(module string) int64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.bytes[module]
}

// hostileResolver is the test's DNS: names that resolve to addresses a
// module may not reach by name. Nothing else resolves.
type hostileResolver struct{}

func (hostileResolver) LookupNetIP(_ context.Context, network, host string) ([]netip.Addr, error) {
	answers := map[string]string{
		"localhost":      "127.0.0.1",
		"loopback.test":  "127.0.0.1",
		"loopback6.test": "::1",
		"mapped.test":    "::ffff:127.0.0.1",
		"metadata.test":  "169.254.169.254",
		"private.test":   "10.0.0.1",
	}
	if a, ok := answers[strings.TrimSuffix(strings.ToLower(host), ".")]; ok {
		return []netip.Addr{netip.MustParseAddr(a)}, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

func TestHostileCorpus(t *testing.T) {
	// Not parallel: counts the process's goroutines and open files around every case.
	start := time.Now()
	specs := readHostileCorpus(t)
	env := newHostileEnv(t)
	ctx := context.Background()

	// The canary first; it stays loaded for the whole run.
	for name, s := range specs {
		if !s.Canary {
			continue
		}
		delete(specs, name)
		env.canary = env.prepare(t, name).Calls[0]
		if _, err := env.r.Load(ctx, filepath.Join(env.root, name)); err != nil {
			t.Fatalf("canary: %v", err)
		}
	}
	if env.canary.Fn == "" {
		t.Fatal("no canary in testdata/hostile")
	}
	env.checkCanary(t, "at start")

	names := make([]string, 0, len(specs))
	for name := range specs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		s := specs[name]
		t.Run(name, func(t *testing.T) {
			if s.OS == "unix" && runtime.GOOS == "windows" {
				t.Skip("needs Unix")
			}
			if s.OS == "linux" && runtime.GOOS != "linux" {
				t.Skip("needs Linux")
			}
			env.runCase(t, name)
		})
	}
	t.Logf("corpus of %d modules ran in %s", len(names), time.Since(start).Round(time.Millisecond))
}

func readHostileCorpus(t *testing.T) map[string]*hostileSpec {
	dir := filepath.Join("..", "testdata", "hostile")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	specs := map[string]*hostileSpec{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name(), "expect.json"))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		s := &hostileSpec{}
		if err == nil {
			err = json.Unmarshal(b, s)
		}
		if err != nil {
			t.Fatalf("%s/expect.json: %v", e.Name(), err)
		}
		specs[e.Name()] = s
	}
	if len(specs) == 0 {
		t.Fatal("no expect.json under testdata/hostile")
	}
	return specs
}

func newHostileEnv(t *testing.T) *hostileEnv {
	env := &hostileEnv{root: t.TempDir(), outside: t.TempDir(),
		out: &outputSink{bytes: map[string]int64{}, last: map[string]string{}}}
	// Secrets a module must never read: one outside the app root, one
	// inside it but granted to nobody.
	must(t, os.WriteFile(filepath.Join(env.outside, "secret.txt"), []byte("outside-secret"), 0o644))
	must(t, os.MkdirAll(filepath.Join(env.outside, "race"), 0o755))
	must(t, os.WriteFile(filepath.Join(env.outside, "race", "secret.txt"), []byte("outside-race-secret"), 0o644))
	must(t, os.MkdirAll(filepath.Join(env.root, "secrets"), 0o755))
	must(t, os.WriteFile(filepath.Join(env.root, "secrets", "key.txt"), []byte("root-secret"), 0o644))

	env.granted = httptest.NewServer(http.HandlerFunc(env.serve))
	env.ungranted = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		env.ungrantedHits.Add(1)
		w.Write([]byte("ungranted server reached"))
	}))
	// Close waits for handlers; one writing /big to a client that stopped
	// reading (a refused, capped response) blocks until its connection is
	// closed, which wine does not always pass on: close it from this side.
	for _, srv := range []*httptest.Server{env.granted, env.ungranted} {
		t.Cleanup(func() {
			srv.CloseClientConnections()
			srv.Close()
		})
	}
	env.replacer = strings.NewReplacer(
		phPort, portOf(t, env.granted.URL),
		phPort2, portOf(t, env.ungranted.URL),
		phOutside, filepath.ToSlash(env.outside),
		phRoot, filepath.ToSlash(env.root),
	)

	// The store is where a user's is: AppRoot/.corets/store.db.
	r, err := Open(context.Background(), Options{
		AppRoot: env.root, NoDiskCache: true, SkipInstalled: true,
		Output: env.out.add, WasmPlugins: wasmPluginsForTests,
		// Restart at once and never give up: a case may die several times.
		Restart: RestartPolicy{Initial: 20 * time.Millisecond, Max: 200 * time.Millisecond, Failures: 1000, Window: time.Minute},
		hostConfig: func(c *hostfns.Config) {
			c.Resolver = hostileResolver{}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(context.Background()) })
	env.r = r
	return env
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func portOf(t *testing.T, rawURL string) string {
	_, port, err := net.SplitHostPort(strings.TrimPrefix(rawURL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	return port
}

// serve is the granted server (127.0.0.1:{{PORT}}): redirects to refused
// targets, an oversized and an endless body, and a counted endpoint.
func (env *hostileEnv) serve(w http.ResponseWriter, r *http.Request) {
	n, _ := env.hits.LoadOrStore(r.URL.Path, new(atomic.Int64))
	n.(*atomic.Int64).Add(1)
	switch r.URL.Path {
	case "/ok", "/count", "/budget", "/next":
		w.Write([]byte("ok"))
	case "/redirect":
		// ?to= is the target; the module chooses it, the server obeys.
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	case "/loop":
		http.Redirect(w, r, "/loop", http.StatusFound)
	case "/big":
		stopWritingSoon(w)
		w.Write(bytes.Repeat([]byte("x"), 1<<20))
	case "/endless":
		stopWritingSoon(w)
		chunk := bytes.Repeat([]byte("y"), 32<<10)
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	default:
		http.NotFound(w, r)
	}
}

// stopWritingSoon bounds a handler that writes more than a capped client
// reads. The client closes its end when it refuses the response, but wine
// does not always pass that close on to a blocked send, and the handler's
// goroutine would then outlive the case and count as a leak of the module.
func stopWritingSoon(w http.ResponseWriter) {
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(time.Second))
}

func (env *hostileEnv) hitCount(p string) int64 {
	if n, ok := env.hits.Load(p); ok {
		return n.(*atomic.Int64).Load()
	}
	return 0
}

// prepare copies testdata/hostile/name into the app root with the
// placeholders replaced, reads its expect.json and makes its setup.
func (env *hostileEnv) prepare(t *testing.T, name string) *hostileSpec {
	t.Helper()
	src := filepath.Join("..", "testdata", "hostile", name)
	dst := filepath.Join(env.root, name)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, []byte(env.replacer.Replace(string(b))), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dst, "expect.json"))
	if err != nil {
		t.Fatal(err)
	}
	s := &hostileSpec{}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(s); err != nil {
		t.Fatalf("%s/expect.json: %v", name, err)
	}
	for _, c := range s.Calls {
		if h := hostileHelpers[c.During]; c.During != "" && h.during == nil {
			t.Fatalf("%s/expect.json: %s: no helper %q to run during the call", name, c.Fn, c.During)
		}
		if h := hostileHelpers[c.Check]; c.Check != "" && h.check == nil {
			t.Fatalf("%s/expect.json: %s: no helper %q to check the call", name, c.Fn, c.Check)
		}
	}
	for _, d := range s.Setup.Dirs {
		must(t, os.MkdirAll(filepath.Join(env.root, filepath.FromSlash(d)), 0o755))
	}
	for p, content := range s.Setup.Files {
		full := filepath.Join(env.root, filepath.FromSlash(p))
		must(t, os.MkdirAll(filepath.Dir(full), 0o755))
		must(t, os.WriteFile(full, []byte(content), 0o644))
	}
	for p, n := range s.Setup.Sizes {
		must(t, os.WriteFile(filepath.Join(env.root, filepath.FromSlash(p)), bytes.Repeat([]byte("b"), n), 0o644))
	}
	for p, target := range s.Setup.Symlinks {
		must(t, os.Symlink(filepath.FromSlash(target), filepath.Join(env.root, filepath.FromSlash(p))))
	}
	for _, p := range s.Setup.Executable {
		must(t, os.Chmod(filepath.Join(dst, filepath.FromSlash(p)), 0o755))
	}
	return s
}

// runCase loads one hostile module, makes every call of its expect.json
// and checks what every case must leave as it was.
func (env *hostileEnv) runCase(t *testing.T, name string) {
	ctx := context.Background()
	s := env.prepare(t, name)
	modDir := filepath.Join(env.root, name)
	code := name // a manifest refused when parsed has no code of its own
	if man, err := manifest.Load(modDir, manifest.Options{}); err == nil {
		code = man.Code
	} else if s.Load == nil {
		t.Fatal(err)
	}
	// The store file changes with every store write, by design.
	ignore := append(env.writeGrants(t, modDir), env.writeGrants(t, filepath.Join(env.root, "canary"))...)
	ignore = append(ignore, ".corets")

	g0, fd0 := settle(0, 0, 0)
	loops0 := instanceGoroutines()
	before := snapshotTrees(t, env.root, env.outside)

	stopPinger := env.pingCanary(t)
	defer stopPinger() // idempotent; stopped below to report on it
	_, err := env.r.Load(ctx, modDir)
	switch {
	case s.Load != nil:
		env.checkOutcome(t, code, *s.Load, nil, err)
	case err != nil:
		stopPinger()
		t.Fatalf("load: %v", err)
	}
	for _, c := range s.Calls {
		if c.OS == "unix" && runtime.GOOS == "windows" {
			continue
		}
		st0 := env.waitRunning(t, code)
		var stopDuring func()
		if c.During != "" {
			stopDuring = hostileHelpers[c.During].during(t, env, code)
		}
		cctx, cancel := context.WithTimeout(ctx, time.Minute)
		began := time.Now()
		out, err := env.r.CallJSON(cctx, code, c.Fn, env.args(t, c.Args))
		took := time.Since(began)
		cancel()
		if stopDuring != nil {
			stopDuring()
		}
		env.checkOutcome(t, code, c, out, err)
		if killedBy(err) {
			// The instance is discarded: the next call needs the new one.
			env.waitRestarted(t, code, st0.Restarts)
		}
		if c.Check != "" {
			hostileHelpers[c.Check].check(t, env, code, c, out, err)
		}
		t.Logf("%s: %s in %s", c.Fn, describeOutcome(out, err), took.Round(time.Millisecond))
		env.checkCanary(t, "after "+name+"."+c.Fn)
	}
	st, _ := env.r.Status(code)
	if err := env.r.Unload(ctx, code); err != nil && !(s.Load != nil && errors.Is(err, ErrNotLoaded)) {
		t.Errorf("unload: %v", err)
	}
	pings, worst := stopPinger()
	if st.Restarts > 0 {
		t.Logf("supervisor restarted %s %d times", code, st.Restarts)
	}
	t.Logf("canary answered %d pings during the case, slowest %s; %s wrote %d bytes of console output",
		pings, worst.Round(time.Millisecond), code, env.out.count(code))

	g1, fd1 := settle(g0, fd0, 10*time.Second)
	if g1 > g0+hostileGoroutineMargin {
		t.Errorf("goroutines: %d before the case, %d after%s\n%s", g0, g1, instanceLeak(loops0), goroutineSummary())
	}
	if fd0 >= 0 && fd1 > fd0+hostileFDMargin {
		t.Errorf("open files: %d before the case, %d after: %s", fd0, fd1, openFiles())
	}
	after := snapshotTrees(t, env.root, env.outside)
	for _, d := range diffTrees(before, after, ignore) {
		t.Errorf("written outside the granted paths: %s", d)
	}
	env.checkCanary(t, "after "+name)
}

// No allowance for goroutines: settle waits for those that are ending,
// and a dead instance that is never closed leaves exactly one behind. A
// file descriptor or two may come and go with the runtime's own caches.
const (
	hostileGoroutineMargin = 0
	hostileFDMargin        = 2
)

func (env *hostileEnv) args(t *testing.T, args []json.RawMessage) json.RawMessage {
	if args == nil {
		args = []json.RawMessage{}
	}
	b, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeGrants are a module's write grants, slash-separated and clean,
// relative to the app root.
func (env *hostileEnv) writeGrants(t *testing.T, dir string) []string {
	man, err := manifest.Load(dir, manifest.Options{})
	if err != nil {
		return nil // a manifest that does not parse grants nothing
	}
	var out []string
	for _, w := range man.Permissions.Write {
		out = append(out, path.Clean(strings.TrimPrefix(filepath.ToSlash(w), "./")))
	}
	return out
}

func (env *hostileEnv) waitRunning(t *testing.T, code string) Status {
	return env.waitRestarted(t, code, -1)
}

// waitRestarted waits until the module is RUNNING after more than
// restarts restarts by the supervisor.
func (env *hostileEnv) waitRestarted(t *testing.T, code string, restarts int) Status {
	t.Helper()
	var st Status
	testutil.WaitFor(t, code+" to run again", func() bool {
		var err error
		if st, err = env.r.Status(code); err != nil {
			t.Fatalf("status: %v", err)
		}
		if st.State == StateErrored {
			t.Fatalf("%s is %s, not restarted: %s", code, st.State, st.Error)
		}
		return st.State == StateRunning && st.Restarts > restarts
	})
	return st
}

// killedBy reports whether err is a limit that discards the instance.
func killedBy(err error) bool {
	for _, limit := range []error{jsengine.ErrTimeout, jsengine.ErrFuel, jsengine.ErrMemory, jsengine.ErrCanceled, jsengine.ErrCrashed} {
		if errors.Is(err, limit) {
			return true
		}
	}
	return false
}

// checkOutcome compares a call's outcome with what expect.json says.
func (env *hostileEnv) checkOutcome(t *testing.T, code string, c hostileCall, out json.RawMessage, err error) {
	t.Helper()
	what := code + "." + c.Fn
	if c.Fn == "" {
		what = "loading " + code
	}
	switch {
	case len(c.Error) > 0:
		var names []string
		if json.Unmarshal(c.Error, &names) != nil {
			var one string
			if err := json.Unmarshal(c.Error, &one); err != nil {
				t.Fatalf("%s: error must be a name or a list of names: %s", what, c.Error)
			}
			names = []string{one}
		}
		var ex *jsengine.Exception
		if !errors.As(err, &ex) {
			t.Errorf("%s: want a %s error, got %s", what, strings.Join(names, " or "), describeOutcome(out, err))
			return
		}
		if !slices.Contains(names, ex.Name) {
			t.Errorf("%s: want a %s error, got %s: %s", what, strings.Join(names, " or "), ex.Name, ex.Message)
		}
		if errors.Is(err, ErrStackOverflow) {
			t.Errorf("%s: an error the module threw is taken for the stack limit: %v", what, err)
		}
		env.checkMessage(t, what, c, ex.Message)
	case c.Limit != "":
		want, ok := map[string]error{
			"timeout": jsengine.ErrTimeout, "fuel": jsengine.ErrFuel, "memory": jsengine.ErrMemory,
			"stack": jsengine.ErrStackOverflow, "result": jsengine.ErrResultTooLarge,
		}[c.Limit]
		if !ok {
			t.Fatalf("%s: unknown limit %q", what, c.Limit)
		}
		if !errors.Is(err, want) {
			t.Errorf("%s: want the %s limit, got %s", what, c.Limit, describeOutcome(out, err))
			return
		}
		msg := err.Error()
		var le *jsengine.LimitError
		if errors.As(err, &le) && !strings.Contains(msg, strconv.Quote(code)) {
			t.Errorf("%s: the limit error does not name the module: %s", what, msg)
		}
		env.checkMessage(t, what, c, msg)
	case c.Fails:
		if err == nil {
			t.Errorf("%s: want an error, got %s", what, describeOutcome(out, err))
			return
		}
		env.checkMessage(t, what, c, err.Error())
	case c.Result != nil:
		if err != nil {
			t.Errorf("%s: want %s, got %s", what, c.Result, describeOutcome(out, err))
			return
		}
		if !jsonEqual(out, c.Result) {
			t.Errorf("%s = %s\nwant %s", what, out, c.Result)
		}
	default:
		t.Fatalf("%s: expect.json gives no outcome (error, limit or result)", what)
	}
}

// checkMessage insists that a refusal names what was refused: every case
// lists the words its message must hold.
func (env *hostileEnv) checkMessage(t *testing.T, what string, c hostileCall, msg string) {
	t.Helper()
	if len(c.Contains) == 0 {
		t.Errorf("%s: expect.json lists nothing the message must name (message: %s)", what, msg)
	}
	for _, want := range c.Contains {
		// Host paths in messages use the OS's separator (view.yml's path
		// on Windows reads .core\view.yml).
		if !strings.Contains(msg, want) && !strings.Contains(filepath.ToSlash(msg), want) {
			t.Errorf("%s: the message does not name %q: %s", what, want, msg)
		}
	}
}

func describeOutcome(out json.RawMessage, err error) string {
	if err != nil {
		var ex *jsengine.Exception
		if errors.As(err, &ex) {
			return fmt.Sprintf("%s error %q", ex.Name, ex.Message)
		}
		return fmt.Sprintf("error %q", err.Error())
	}
	s := string(out)
	if len(s) > 400 {
		s = s[:400] + "..."
	}
	return "result " + s
}

func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// checkCanary calls the canary and compares its answer with its expect.json.
func (env *hostileEnv) checkCanary(t *testing.T, when string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := env.r.CallJSON(ctx, "canary", env.canary.Fn, env.args(t, env.canary.Args))
	if err != nil || !jsonEqual(out, env.canary.Result) {
		t.Errorf("canary %s: %s, want %s", when, describeOutcome(out, err), env.canary.Result)
	}
}

// pingCanary calls the canary every 20 ms while a case runs; stop returns
// how many times and the slowest answer. A wrong answer fails the test.
func (env *hostileEnv) pingCanary(t *testing.T) (stop func() (int, time.Duration)) {
	type summary struct {
		pings int
		worst time.Duration
	}
	done := make(chan struct{})
	result := make(chan summary)
	go func() {
		var worst time.Duration
		pings := 0
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				result <- summary{pings, worst}
				return
			case <-tick.C:
			}
			pings++
			began := time.Now()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			out, err := env.r.CallJSON(ctx, "canary", env.canary.Fn, env.args(t, env.canary.Args))
			cancel()
			if d := time.Since(began); d > worst {
				worst = d
			}
			if err != nil || !jsonEqual(out, env.canary.Result) {
				t.Errorf("canary during the case: %s", describeOutcome(out, err))
			}
		}
	}()
	var once sync.Once
	var sum summary
	return func() (int, time.Duration) {
		once.Do(func() {
			close(done)
			sum = <-result
		})
		return sum.pings, sum.worst
	}
}

// settle waits until goroutines and open files are back to g0 and fd0
// (plus the margins), at most for wait or until the counts have not moved
// for two seconds, and returns the counts. fd is -1 where open files
// cannot be counted (no /proc/self/fd).
func settle(g0, fd0 int, wait time.Duration) (g, fd int) {
	deadline := time.Now().Add(wait)
	lastG, lastFD, moved := -1, -1, time.Now()
	for {
		runtime.GC()
		g, fd = runtime.NumGoroutine(), countFDs()
		if wait == 0 {
			// A baseline: wait for a quiet moment, counts stable twice.
			time.Sleep(20 * time.Millisecond)
			g2, fd2 := runtime.NumGoroutine(), countFDs()
			if g2 == g && fd2 == fd {
				return g, fd
			}
			continue
		}
		if g != lastG || fd != lastFD {
			lastG, lastFD, moved = g, fd, time.Now()
		}
		if (g <= g0+hostileGoroutineMargin && (fd0 < 0 || fd <= fd0+hostileFDMargin)) ||
			time.Now().After(deadline) || time.Since(moved) > 2*time.Second {
			return g, fd
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func countFDs() int {
	if runtime.GOOS != "linux" {
		return -1 // under wine, /proc/self/fd is the wine server's view, not ours
	}
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}

func openFiles() string {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return ""
	}
	var out []string
	for _, e := range entries {
		target, _ := os.Readlink(filepath.Join("/proc/self/fd", e.Name()))
		out = append(out, e.Name()+"->"+target)
	}
	return strings.Join(out, " ")
}

func goroutineDump() string {
	buf := make([]byte, 4<<20)
	return string(buf[:runtime.Stack(buf, true)])
}

// goroutineSummary counts the goroutines by where they are and who made
// them.
func goroutineSummary() string {
	counts := map[string]int{}
	for _, g := range strings.Split(goroutineDump(), "\n\n") {
		lines := strings.Split(strings.TrimSpace(g), "\n")
		if len(lines) < 2 {
			continue
		}
		// The function without its arguments, and its creator without the
		// creating goroutine's number.
		key := strings.TrimSpace(lines[1])
		if i := strings.LastIndexByte(key, '('); i > 0 {
			key = key[:i]
		}
		for _, l := range lines {
			if by, ok := strings.CutPrefix(l, "created by "); ok {
				by, _, _ = strings.Cut(by, " in goroutine ")
				key += " <- " + by
			}
		}
		counts[key]++
	}
	var out []string
	for k, n := range counts {
		out = append(out, fmt.Sprintf("%4d  %s", n, k))
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// instanceGoroutines counts engine instances that are running: each has
// one goroutine.
func instanceGoroutines() int {
	return strings.Count(goroutineDump(), "jsengine.(*Instance).loop(")
}

// instanceLeak explains a leak of engine instances: once the case's module
// is unloaded, every instance it had must be closed.
func instanceLeak(before int) string {
	n := instanceGoroutines() - before
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf(": %d more engine instances are running than before the case, whose module is unloaded; "+
		"an instance discarded after a limit (and restarted) is never closed, so its goroutine and linear memory stay", n)
}

// snapshotTrees describes every file, directory and link under the roots:
// kind, size and a digest of the content, keyed by "#i/" plus the path.
func snapshotTrees(t *testing.T, roots ...string) map[string]string {
	snap := map[string]string{}
	for i, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			key := fmt.Sprintf("#%d/%s", i, filepath.ToSlash(rel))
			switch {
			case d.Type()&fs.ModeSymlink != 0:
				target, _ := os.Readlink(p)
				snap[key] = "link to " + target
			case d.IsDir():
				snap[key] = "dir"
			default:
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				sum := sha256.Sum256(b)
				snap[key] = fmt.Sprintf("file of %d bytes %s", len(b), hex.EncodeToString(sum[:6]))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return snap
}

// diffTrees lists what changed in the app root (#0) and outside it (#1),
// except under the ignored app-root paths.
func diffTrees(before, after map[string]string, ignore []string) []string {
	ignored := func(key string) bool {
		rel, ok := strings.CutPrefix(key, "#0/")
		if !ok {
			return false
		}
		for _, g := range ignore {
			if rel == g || strings.HasPrefix(rel, g+"/") {
				return true
			}
		}
		return false
	}
	where := func(key string) string {
		if rel, ok := strings.CutPrefix(key, "#0/"); ok {
			return "app root: " + rel
		}
		return "outside the app root: " + strings.TrimPrefix(key, "#1/")
	}
	var out []string
	for k, v := range after {
		if ignored(k) {
			continue
		}
		if old, ok := before[k]; !ok {
			out = append(out, fmt.Sprintf("%s: new %s", where(k), v))
		} else if old != v {
			out = append(out, fmt.Sprintf("%s: was %s, now %s", where(k), old, v))
		}
	}
	for k, v := range before {
		if _, ok := after[k]; !ok && !ignored(k) {
			out = append(out, fmt.Sprintf("%s: removed (was %s)", where(k), v))
		}
	}
	sort.Strings(out)
	return out
}

// hostileHelper is Go-side work a case names in expect.json: during runs
// beside the call and returns its stop; check runs after it.
type hostileHelper struct {
	during func(t *testing.T, env *hostileEnv, code string) (stop func())
	check  func(t *testing.T, env *hostileEnv, code string, c hostileCall, out json.RawMessage, err error)
}

var hostileHelpers = map[string]hostileHelper{
	// renameRace swaps data/files-race/sub for symbolic links out of the
	// grant and back, as fast as it can, while the module writes below it.
	"renameRace": {during: func(t *testing.T, env *hostileEnv, code string) func() {
		base := filepath.Join(env.root, "data", "files-race")
		sub, moved := filepath.Join(base, "sub"), filepath.Join(base, "moved")
		targets := []string{filepath.Join(env.outside, "race"), filepath.Join("..", "..", "secrets")}
		stop := make(chan struct{})
		done := make(chan int)
		go func() {
			swaps := 0
			for {
				select {
				case <-stop:
					done <- swaps
					return
				default:
				}
				if err := os.Rename(sub, moved); err != nil {
					t.Errorf("race: %v", err)
				}
				for _, target := range targets {
					if err := os.Symlink(target, sub); err != nil {
						t.Errorf("race: %v", err)
					}
					runtime.Gosched()
					os.Remove(sub)
				}
				if err := os.Rename(moved, sub); err != nil {
					t.Errorf("race: %v", err)
				}
				// Leave sub in place a moment, so some writes land.
				time.Sleep(200 * time.Microsecond)
				swaps++
			}
		}()
		return func() {
			close(stop)
			t.Logf("the racer swapped sub %d times", <-done)
		}
	}},
	// raceContained: every file the racing module wrote is below the grant.
	"raceContained": {check: func(t *testing.T, env *hostileEnv, code string, _ hostileCall, _ json.RawMessage, _ error) {
		for _, dir := range []string{filepath.Join(env.outside, "race"), filepath.Join(env.root, "secrets")} {
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if e.Name() != "secret.txt" && e.Name() != "key.txt" {
					t.Errorf("the race wrote %s outside the grant", filepath.Join(dir, e.Name()))
				}
			}
		}
		n := 0
		filepath.WalkDir(filepath.Join(env.root, "data", "files-race"), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return nil
		})
		t.Logf("%d files written inside the grant; module saw %s", n, env.out.lastLine(code))
	}},
	// storeQuota: the module's partition never holds more than its quota.
	"storeQuota": {check: func(t *testing.T, env *hostileEnv, code string, _ hostileCall, _ json.RawMessage, _ error) {
		u, err := env.r.Store().Module(code, kv.Quota{}).Usage()
		if err != nil {
			t.Fatal(err)
		}
		if u.Bytes > 64<<10 || u.Keys > 200 {
			t.Errorf("store usage %d bytes in %d keys exceeds the quota (65536 bytes, 200 keys)", u.Bytes, u.Keys)
		}
		t.Logf("store usage: %d bytes in %d keys", u.Bytes, u.Keys)
	}},
	"ungrantedUntouched": {check: func(t *testing.T, env *hostileEnv, code string, _ hostileCall, _ json.RawMessage, _ error) {
		if n := env.ungrantedHits.Load(); n != 0 {
			t.Errorf("the ungranted server was reached %d times", n)
		}
	}},
	// fiveRequests: the server saw exactly fetch_requests (5) requests.
	"fiveRequests": {check: func(t *testing.T, env *hostileEnv, code string, c hostileCall, _ json.RawMessage, _ error) {
		p := map[string]string{"sequential": "/count", "parallel": "/parallel"}[c.Fn]
		if n := env.hitCount(p); n != 5 {
			t.Errorf("the server saw %d requests to %s, want 5 (fetch_requests)", n, p)
		}
	}},
	// budgetHeld: what net-budget's flood left behind (an interval, a timeout
	// chain, a host result's continuation and its timer) ran after the call
	// and reached the server not once: the call's 5 requests were all there
	// were.
	"budgetHeld": {check: func(t *testing.T, env *hostileEnv, code string, _ hostileCall, _ json.RawMessage, _ error) {
		var r struct {
			OK, Refused, Done int
			Other             string
		}
		testutil.Eventually(t, func() bool {
			out, err := env.r.Call(context.Background(), code, "report")
			if err != nil {
				t.Fatalf("report: %v", err)
			}
			if err := json.Unmarshal(out, &r); err != nil {
				t.Fatal(err)
			}
			return r.Done == 3
		})
		t.Logf("after the call: %d fetches succeeded, %d refused; the server saw %d", r.OK, r.Refused, env.hitCount("/budget"))
		if r.Done != 3 {
			t.Errorf("the work left behind did not finish: %+v", r)
		}
		if n := env.hitCount("/budget"); n != 5 || r.OK != 5 {
			t.Errorf("the server saw %d requests to /budget (%d succeeded in the module), want 5 (fetch_requests): timers and callbacks refilled the call's budget", n, r.OK)
		}
		if r.Other != "" {
			t.Errorf("a fetch failed otherwise than with QuotaExceeded: %s", r.Other)
		}
	}},
	// diesLater: a timer spinning after its call returned ends the instance
	// by its limit; the supervisor restarts it.
	"diesLater": {check: func(t *testing.T, env *hostileEnv, code string, _ hostileCall, _ json.RawMessage, _ error) {
		before, _ := env.r.Status(code)
		var st Status
		testutil.WaitFor(t, "a timer spinning after its call to end the instance", func() bool {
			st, _ = env.r.Status(code)
			return st.Restarts > before.Restarts || st.State != StateRunning
		})
		// Status.Error is cleared by a quick restart (start sets the state
		// RUNNING without an error), so the death is checked in what the
		// instance reported when it stopped.
		t.Logf("died between calls: status %s %q; last output %q", st.State, st.Error, env.out.lastLine(code))
		testutil.WaitFor(t, "the death reported with the timeout named", func() bool {
			return strings.Contains(env.out.lastLine(code), "timeout")
		})
	}},
	// busyBetweenCalls: 10,000 zero-delay intervals fire for a second
	// between calls while the canary is pinged (the pinger reports its
	// slowest answer at the end of the case).
	"busyBetweenCalls": {check: func(t *testing.T, env *hostileEnv, code string, _ hostileCall, _ json.RawMessage, _ error) {
		ctx := context.Background()
		before, _ := env.r.Call(ctx, code, "intervalTicks")
		time.Sleep(time.Second)
		after, err := env.r.Call(ctx, code, "intervalTicks")
		st, _ := env.r.Status(code)
		t.Logf("a second of 10,000 intervals between calls: ticks %s -> %s (%v), module %s, restarts %d", before, after, err, st.State, st.Restarts)
	}},
	// consoleRaw: the embedder's Output received the module's last line
	// (console.error of what the call returned) exactly as written, escape
	// sequences and all: escaping is for terminals, done by the command.
	"consoleRaw": {check: func(t *testing.T, env *hostileEnv, code string, _ hostileCall, out json.RawMessage, _ error) {
		var want string
		if err := json.Unmarshal(out, &want); err != nil {
			t.Fatalf("the call returned %s, not a string", out)
		}
		if got := env.out.lastLine(code); got != "error: "+want {
			t.Errorf("the embedder received %q\nwant %q", got, "error: "+want)
		}
	}},
	"consoleBytes": {check: func(t *testing.T, env *hostileEnv, code string, _ hostileCall, _ json.RawMessage, _ error) {
		t.Logf("the host received %d bytes of console output from %s", env.out.count(code), code)
	}},
}

package jsengine

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/testutil"
	"github.com/corets/corets-wasm/internal/wasmhost"
)

// testEngine is shared by the package's tests: compiling the engine is the
// slow part, and sharing it is what embedders do too.
var testEngine *Engine

// Host functions the tests use, registered once on testEngine.
var testFuncs = []HostFunc{
	{Name: "test.echo", Fn: func(_ context.Context, _ *Caller, arg []byte) ([]byte, error) {
		return append([]byte(nil), arg...), nil
	}},
	{Name: "test.who", Fn: func(_ context.Context, c *Caller, _ []byte) ([]byte, error) {
		return []byte(c.Module()), nil
	}},
	{Name: "test.bytes", Binary: true, Fn: func(_ context.Context, _ *Caller, arg []byte) ([]byte, error) {
		out := make([]byte, len(arg))
		for i, b := range arg {
			out[i] = b + 1
		}
		return out, nil
	}},
	{Name: "test.denied", Fn: func(_ context.Context, _ *Caller, arg []byte) ([]byte, error) {
		return nil, deniedError("read " + string(arg) + " is not granted")
	}},
	{Name: "test.big", Fn: func(_ context.Context, _ *Caller, arg []byte) ([]byte, error) {
		return []byte(strings.Repeat("x", 1<<20)), nil
	}},
	{Name: "test.sleep", Async: true, Fn: func(ctx context.Context, _ *Caller, arg []byte) ([]byte, error) {
		d, err := time.ParseDuration(string(arg))
		if err != nil {
			return nil, err
		}
		select {
		case <-time.After(d):
			return []byte("slept " + string(arg)), nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}},
	{Name: "test.fail", Async: true, Fn: func(context.Context, *Caller, []byte) ([]byte, error) {
		return nil, deniedError("async refusal")
	}},
}

// testGlue exposes the test host functions as globals, as hostfns will
// expose `core`.
const testGlue = `(host) => {
	for (const name of ["echo", "who", "bytes", "denied", "big", "sleep", "fail"]) {
		const id = host.lookup("test." + name);
		globalThis[name] = (arg) => host.call(id, arg);
	}
}`

type deniedError string

func (e deniedError) Error() string  { return string(e) }
func (e deniedError) JSName() string { return "PermissionDenied" }

func TestMain(m *testing.M) {
	ctx := context.Background()
	var err error
	testEngine, err = New(ctx, Config{HostFuncs: testFuncs, Extensions: []Extension{{Name: "test-glue.js", Source: testGlue}}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	testEngine.Close(ctx)
	os.Exit(code)
}

// output collects an instance's console lines.
type output struct {
	mu    sync.Mutex
	lines []string
}

func (o *output) write(level, text string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.lines = append(o.lines, level+": "+text)
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return strings.Join(o.lines, "\n")
}

// newInstance makes an instance with code loaded as its bundle.
func newInstance(t testing.TB, cfg InstanceConfig, code string) (*Instance, *output) {
	t.Helper()
	out := &output{}
	if cfg.Output == nil {
		cfg.Output = out.write
	}
	if cfg.Name == "" {
		cfg.Name = "test"
	}
	in, err := testEngine.NewInstance(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	if code != "" {
		if err := in.Load(context.Background(), Bundle{Name: "main.js", Code: code}); err != nil {
			t.Fatal(err)
		}
	}
	return in, out
}

func call(t testing.TB, in *Instance, name, args string) string {
	t.Helper()
	var raw json.RawMessage
	if args != "" {
		raw = json.RawMessage(args)
	}
	res, err := in.Call(context.Background(), name, raw)
	if err != nil {
		t.Fatalf("%s(%s): %v", name, args, err)
	}
	return string(res.Value)
}

func eval(t testing.TB, in *Instance, code string) string {
	t.Helper()
	res, err := in.Eval(context.Background(), code)
	if err != nil {
		t.Fatalf("eval %q: %v", code, err)
	}
	return string(res.Value)
}

func TestCallReturnsJSON(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, `var __corets_exports = {
		add: (a, b) => a + b,
		obj: (x) => ({ got: x, list: [1, "two", null] }),
		nothing() {},
		async later(x) { await null; return x * 2 },
		notFn: 42,
	}`)
	cases := []struct{ name, args, want string }{
		{"add", "[2, 3]", "5"},
		{"add", `["a", "b"]`, `"ab"`},
		{"obj", `[{"k": true}]`, `{"got":{"k":true},"list":[1,"two",null]}`},
		{"nothing", "", "null"},
		{"later", "[21]", "42"},
	}
	for _, c := range cases {
		if got := call(t, in, c.name, c.args); got != c.want {
			t.Errorf("%s(%s) = %s, want %s", c.name, c.args, got, c.want)
		}
	}
	bad := []struct{ name, args, want string }{
		{"missing", "", "no such export"},
		{"notFn", "", "not a function"},
		{"add", `{"a": 1}`, "JSON array"},
		{"add", `[1,`, "SyntaxError"},
	}
	for _, c := range bad {
		_, err := in.Call(context.Background(), c.name, json.RawMessage(c.args))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s(%s): error %v, want one containing %q", c.name, c.args, err, c.want)
		}
	}
	// The instance is still healthy after bad calls.
	if got := call(t, in, "add", "[1, 1]"); got != "2" {
		t.Errorf("after errors: add = %s", got)
	}
}

func TestExceptions(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, `var __corets_exports = {
		typeError() { null.x },
		custom() { const e = new Error("nope"); e.name = "MyError"; throw e },
		str() { throw "just a string" },
		obj() { throw { code: 7 } },
		async rejects() { await null; throw new RangeError("later") },
	}`)
	cases := []struct{ fn, name, msg string }{
		{"typeError", "TypeError", "cannot read property 'x' of null"},
		{"custom", "MyError", "nope"},
		{"str", "", "just a string"},
		{"obj", "", `{"code":7}`},
		{"rejects", "RangeError", "later"},
	}
	for _, c := range cases {
		_, err := in.Call(context.Background(), c.fn, nil)
		var ex *Exception
		if !errors.As(err, &ex) {
			t.Fatalf("%s: %v is not an *Exception", c.fn, err)
		}
		if ex.Name != c.name || ex.Message != c.msg || ex.Module != "test" {
			t.Errorf("%s: got %q %q (module %q), want %q %q", c.fn, ex.Name, ex.Message, ex.Module, c.name, c.msg)
		}
	}
	_, err := in.Call(context.Background(), "custom", nil)
	var ex *Exception
	errors.As(err, &ex)
	// line and column survive, so the stack can be mapped to TypeScript
	if !strings.Contains(ex.Stack, "main.js:3:") {
		t.Errorf("stack %q lacks main.js:3:<column>", ex.Stack)
	}
}

func TestHostFunctions(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{Name: "alpha"}, `var __corets_exports = {
		echo: (s) => echo(s),
		who: () => who(),
		bytes() { return Array.from(new Uint8Array(bytes(new Uint8Array([1, 2, 255])))) },
		view() { const b = new Uint8Array([9, 8, 7, 6]); return Array.from(new Uint8Array(bytes(b.subarray(1, 3)))) },
		denied() { try { denied("./secret") } catch (e) { return [e.name, e.message, e instanceof Error] } },
		big: () => big().length,
		none: () => typeof echo(),
		async sleep() { return await sleep("10ms") },
		async fail() { try { await fail() } catch (e) { return e.name + ": " + e.message } },
		async many() { const r = await Promise.all([sleep("5ms"), sleep("1ms"), sleep("3ms")]); return r },
	}`)
	cases := []struct{ fn, args, want string }{
		{"echo", `["héllo \u2603"]`, `"héllo ☃"`},
		{"who", "", `"alpha"`},
		{"bytes", "", "[2,3,0]"},
		{"view", "", "[9,8]"},
		{"denied", "", `["PermissionDenied","read ./secret is not granted",true]`},
		{"big", "", "1048576"},
		{"none", "", `"undefined"`},
		{"sleep", "", `"slept 10ms"`},
		{"fail", "", `"PermissionDenied: async refusal"`},
		{"many", "", `["slept 5ms","slept 1ms","slept 3ms"]`},
	}
	for _, c := range cases {
		if got := call(t, in, c.fn, c.args); got != c.want {
			t.Errorf("%s = %s, want %s", c.fn, got, c.want)
		}
	}
}

func TestHostObjectIsPrivate(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, "")
	if got := eval(t, in, `typeof __host + " " + typeof globalThis.__host`); got != `"undefined undefined"` {
		t.Errorf("module code sees the host object: %s", got)
	}
}

func TestFuelIsExactAndDeterministic(t *testing.T) {
	code := `var __corets_exports = {
		fib(n) { return n < 2 ? n : this.fib(n - 1) + this.fib(n - 2) },
		work(n) { let s = 0; for (let i = 0; i < n; i++) s += JSON.stringify({i}).length; return s },
	}`
	var first int64
	for run := 0; run < 3; run++ {
		in, _ := newInstance(t, InstanceConfig{}, code)
		var total int64
		for _, args := range []string{"[20]", "[15]"} {
			res, err := in.Call(context.Background(), "fib", json.RawMessage(args))
			if err != nil {
				t.Fatal(err)
			}
			total += res.Fuel
		}
		res, err := in.Call(context.Background(), "work", json.RawMessage("[5000]"))
		if err != nil {
			t.Fatal(err)
		}
		total += res.Fuel
		if run == 0 {
			first = total
			if total < 20000 {
				t.Fatalf("fuel %d is implausibly low", total)
			}
		} else if total != first {
			t.Fatalf("run %d used %d fuel, run 0 used %d", run, total, first)
		}
		if st := in.Stats(); st.FuelTotal < total {
			t.Errorf("Stats.FuelTotal %d < %d", st.FuelTotal, total)
		}
	}
	// A budget ends at its exact step: the same budget stops at the same
	// point, and a budget of exactly what the call needs is enough.
	in, _ := newInstance(t, InstanceConfig{}, code)
	res, _ := in.Call(context.Background(), "fib", json.RawMessage("[18]"))
	exact, _ := newInstance(t, InstanceConfig{Fuel: res.Fuel + 1}, code)
	if _, err := exact.Call(context.Background(), "fib", json.RawMessage("[18]")); err != nil {
		t.Errorf("a budget of what the call used (+1) failed: %v", err)
	}
	short, _ := newInstance(t, InstanceConfig{Fuel: res.Fuel - 1}, code)
	if _, err := short.Call(context.Background(), "fib", json.RawMessage("[18]")); !errors.Is(err, ErrFuel) {
		t.Errorf("a budget one step short: %v, want ErrFuel", err)
	}
}

// hostHealthy checks that other instances still work after a hostile one.
func hostHealthy(t *testing.T) {
	t.Helper()
	in, _ := newInstance(t, InstanceConfig{}, `var __corets_exports = { ok: () => "ok" }`)
	if got := call(t, in, "ok", ""); got != `"ok"` {
		t.Fatalf("a fresh instance answered %s", got)
	}
}

func TestLimits(t *testing.T) {
	cases := []struct {
		name string
		cfg  InstanceConfig
		code string
		want error
		dies bool
	}{
		{"runaway loop, fuel", InstanceConfig{Fuel: 5_000_000}, `while (true) {}`, ErrFuel, true},
		{"runaway loop, timeout", InstanceConfig{Timeout: 200 * time.Millisecond}, `for (;;) {}`, ErrTimeout, true},
		{"try/catch cannot swallow the interrupt", InstanceConfig{Fuel: 1_000_000},
			`for (;;) { try { while (true) {} } catch (e) {} }`, ErrFuel, true},
		{"catastrophic regexp", InstanceConfig{Timeout: 300 * time.Millisecond},
			`/(a*)*b/.test("a".repeat(100000))`, ErrTimeout, true},
		{"catastrophic regexp, fuel", InstanceConfig{Fuel: 2_000_000},
			`/(a*)*b/.test("a".repeat(100000))`, ErrFuel, true},
		{"memory bomb", InstanceConfig{MemoryLimit: 16 << 20},
			`const a = []; for (;;) a.push("x".repeat(1000) + a.length)`, ErrMemory, true},
		{"memory bomb caught by the module", InstanceConfig{MemoryLimit: 16 << 20},
			`const a = []; try { for (;;) a.push(new Array(1000).fill(a.length)) } catch (e) {} "survived"`, ErrMemory, true},
		{"huge ArrayBuffer", InstanceConfig{MemoryLimit: 16 << 20}, `new ArrayBuffer(2 ** 31 - 1)`, ErrMemory, true},
		{"slow built-in steps", InstanceConfig{Timeout: 300 * time.Millisecond},
			`const a = new Array(1e6).fill("abc"); for (;;) JSON.stringify(a)`, ErrTimeout, true},
		{"slow built-in steps, sort", InstanceConfig{Timeout: 300 * time.Millisecond},
			`const a = Array.from({length: 3e5}, (_, i) => (i * 7919) % 3e5); for (;;) a.slice().sort()`, ErrTimeout, true},
		{"deep recursion", InstanceConfig{}, `function f(n) { return f(n + 1) + 1 } f(0)`, ErrStackOverflow, false},
		{"deep JSON", InstanceConfig{}, `JSON.parse("[".repeat(100000))`, ErrStackOverflow, false},
		{"huge result", InstanceConfig{MaxResultBytes: 1 << 20}, `"x".repeat(2 << 20)`, ErrResultTooLarge, false},
		{"promise storm", InstanceConfig{Fuel: 2_000_000},
			`(async () => { for (;;) await Promise.all(Array.from({length: 1000}, () => Promise.resolve())) })()`, ErrFuel, true},
		{"never-settling await on a timer loop", InstanceConfig{Timeout: 300 * time.Millisecond},
			`setInterval(() => {}, 5); new Promise(() => {})`, ErrTimeout, true},
		{"slow async host call", InstanceConfig{Timeout: 200 * time.Millisecond},
			`sleep("1h")`, ErrTimeout, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, _ := newInstance(t, c.cfg, "")
			start := time.Now()
			_, err := in.Eval(context.Background(), c.code)
			// How long it took is a figure, not a verdict: a loaded machine
			// may take any time to reach the limit (the bench measures it).
			t.Logf("%v after %v", err, time.Since(start).Round(time.Millisecond))
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if !strings.Contains(err.Error(), c.want.Error()) {
				t.Errorf("error %q does not name the limit %q", err, c.want)
			}
			_, err = in.Eval(context.Background(), "1")
			if c.dies {
				if !errors.Is(err, ErrDead) || !errors.Is(err, c.want) {
					t.Errorf("after the limit: %v, want ErrDead wrapping %v", err, c.want)
				}
				if !in.Stats().Dead {
					t.Error("Stats.Dead is false")
				}
			} else if err != nil {
				t.Errorf("the instance should survive %v, but: %v", c.want, err)
			}
			hostHealthy(t)
		})
	}
}

func TestMillionTimersAreRefused(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, "")
	if _, err := in.Eval(context.Background(), `new ArrayBuffer(2 ** 31)`); err == nil || !strings.Contains(err.Error(), "RangeError") {
		t.Errorf("new ArrayBuffer(2 ** 31): %v, want a RangeError", err)
	}
	got := eval(t, in, `let n = 0, err = ""; try { for (let i = 0; i < 1e6; i++) { setTimeout(() => {}, 1e6); n++ } } catch (e) { err = e.name + ": " + e.message } [n, err]`)
	if got != `[10000,"RangeError: too many pending timers (limit 10000)"]` {
		t.Errorf("got %s", got)
	}
}

func TestCallerContext(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, "")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	if _, err := in.Eval(ctx, `for (;;) {}`); !errors.Is(err, ErrCanceled) {
		t.Fatalf("canceled mid-loop: %v", err)
	}
	in2, _ := newInstance(t, InstanceConfig{}, "")
	ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	if _, err := in2.Eval(ctx2, `sleep("1h")`); !errors.Is(err, ErrTimeout) {
		t.Fatalf("deadline while awaiting: %v", err)
	}
}

func TestGlobalsDoNotLeak(t *testing.T) {
	a, _ := newInstance(t, InstanceConfig{}, "")
	b, _ := newInstance(t, InstanceConfig{}, "")
	eval(t, a, `globalThis.secret = 42; Object.prototype.polluted = true; Array.prototype.push = null; console.log = null`)
	if got := eval(t, b, `[typeof secret, ({}).polluted === undefined, typeof [].push, typeof console.log]`); got != `["undefined",true,"function","function"]` {
		t.Errorf("instance b sees a's changes: %s", got)
	}
	// Both instances were made from the same cached bytecode of the prelude.
	c, _ := newInstance(t, InstanceConfig{}, "")
	if got := eval(t, c, `typeof secret`); got != `"undefined"` {
		t.Errorf("a new instance sees %s", got)
	}
}

func TestRandomAndClocksAreReal(t *testing.T) {
	a, _ := newInstance(t, InstanceConfig{}, "")
	b, _ := newInstance(t, InstanceConfig{}, "")
	ra := eval(t, a, `[Math.random(), Math.random()]`)
	rb := eval(t, b, `[Math.random(), Math.random()]`)
	if ra == rb {
		t.Errorf("two instances share a Math.random sequence: %s", ra)
	}
	var now float64
	before := time.Now().Truncate(time.Millisecond)
	json.Unmarshal([]byte(eval(t, a, `Date.now()`)), &now)
	after := time.Now()
	if got := time.UnixMilli(int64(now)); got.Before(before) || got.After(after) {
		t.Errorf("Date.now() is %v, outside the host's clock readings around the call [%v, %v]", got, before, after)
	}
	var p [2]float64
	json.Unmarshal([]byte(call(t, mustLoad(t, a, `var __corets_exports = { async p() { const t0 = performance.now(); await new Promise(r => setTimeout(r, 30)); return [t0, performance.now()] } }`), "p", "")), &p)
	// A timer never fires early; how late it fires is the machine's business.
	if el := p[1] - p[0]; el < 25 {
		t.Errorf("performance.now advanced %vms across a 30ms timer", el)
	}
}

func mustLoad(t *testing.T, in *Instance, code string) *Instance {
	t.Helper()
	if err := in.Load(context.Background(), Bundle{Name: "main.js", Code: code}); err != nil {
		t.Fatal(err)
	}
	return in
}

func TestTimersRunBetweenCalls(t *testing.T) {
	in, out := newInstance(t, InstanceConfig{}, `let ticks = 0; setInterval(() => { ticks++ }, 5);
		setTimeout(() => { throw new Error("from a timer") }, 1);
		setTimeout(() => { Promise.reject(new Error("nobody listens")) }, 1);
		var __corets_exports = { ticks: () => ticks }`)
	// Each call is short; the ticks come between them.
	testutil.WaitFor(t, "an interval of 5ms to tick 3 times between calls", func() bool {
		var n int
		json.Unmarshal([]byte(call(t, in, "ticks", "")), &n)
		return n >= 3
	})
	testutil.WaitFor(t, "both timers' errors", func() bool { return strings.Count(out.String(), "error: ") >= 2 })
	logs := out.String()
	if !strings.Contains(logs, "error: Uncaught Error: from a timer") {
		t.Errorf("a timer's exception was not reported: %q", logs)
	}
	if !strings.Contains(logs, "error: Uncaught (in promise) Error: nobody listens") {
		t.Errorf("an unhandled rejection was not reported: %q", logs)
	}
}

func TestBackgroundLimitKillsInstance(t *testing.T) {
	in, out := newInstance(t, InstanceConfig{Fuel: 1_000_000}, `setTimeout(() => { for (;;) {} }, 1); var __corets_exports = { ok: () => 1 }`)
	<-in.Died()
	if _, err := in.Call(context.Background(), "ok", nil); !errors.Is(err, ErrDead) || !errors.Is(err, ErrFuel) {
		t.Fatalf("after a runaway timer: %v", err)
	}
	if !strings.Contains(out.String(), "instance stopped: fuel exhausted") {
		t.Errorf("the death was not reported: %q", out.String())
	}
}

func TestNeverSettlingPromise(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, "")
	_, err := in.Eval(context.Background(), `new Promise(() => {})`)
	if err == nil || !strings.Contains(err.Error(), "can never settle") {
		t.Fatalf("got %v", err)
	}
	if got := eval(t, in, "1+1"); got != "2" {
		t.Errorf("afterwards: %s", got)
	}
}

// TestCloseMidCallReleasesMemory: closing an instance while it runs frees
// its linear memory. liveMemoryBytes is what the allocators hold mapped (or
// allocated) and have not given back to the OS, so the test fails if Close
// leaves the memory to a later GC, forgets to free it, or frees it without
// unmapping. It is not parallel, and parallel tests start only after the
// sequential ones, so the figure moves only with this instance.
func TestCloseMidCallReleasesMemory(t *testing.T) {
	running := make(chan struct{})
	var once sync.Once
	in, _ := newInstance(t, InstanceConfig{MemoryLimit: 64 << 20, Output: func(_, text string) {
		if text == "running" {
			once.Do(func() { close(running) })
		}
	}}, "")
	eval(t, in, `globalThis.keep = []; for (let i = 0; i < 2000; i++) keep.push("y".repeat(10000) + i); keep.length`)
	if st := in.Stats(); st.MemoryBytes < 20<<20 {
		t.Fatalf("the instance should have grown to >20 MiB, has %d", st.MemoryBytes)
	}
	done := make(chan error, 1)
	go func() { _, err := in.Eval(context.Background(), `console.log("running"); for (;;) {}`); done <- err }()
	<-running
	before := liveMemoryBytes()
	in.Close()
	if err := <-done; !errors.Is(err, ErrClosed) {
		t.Errorf("the call in progress returned %v, want ErrClosed", err)
	}
	if after := liveMemoryBytes(); before-after < 20<<20 {
		t.Errorf("closing released %d bytes of linear memory, want > 20 MiB", before-after)
	}
	if _, err := in.Eval(context.Background(), "1"); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v", err)
	}
	in.Close() // twice is fine
}

func TestBytecodeIsReused(t *testing.T) {
	code := fmt.Sprintf(`var __corets_exports = { v: () => %d }`, time.Now().UnixNano())
	before := testEngine.compiles.Load()
	for i := 0; i < 3; i++ {
		in, _ := newInstance(t, InstanceConfig{}, code)
		call(t, in, "v", "")
	}
	if n := testEngine.compiles.Load() - before; n != 1 {
		t.Errorf("3 instances of one bundle compiled it %d times, want 1", n)
	}
}

func TestManyInstancesConcurrently(t *testing.T) {
	n, calls := 1000, 20000
	if testing.Short() {
		n, calls = 100, 2000
	}
	code := `let count = 0; var __corets_exports = { inc: (k) => { count += k; return count }, async later(k) { await null; return k } }`
	insts := make([]*Instance, n)
	for i := range insts {
		insts[i], _ = newInstance(t, InstanceConfig{Name: fmt.Sprintf("m%d", i)}, code)
	}
	var wg sync.WaitGroup
	errs := make(chan error, calls)
	per := calls / 20
	for g := 0; g < 20; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < per; i++ {
				in := insts[(g*per+i)%n]
				fn := "inc"
				if i%2 == 1 {
					fn = "later"
				}
				if _, err := in.Call(context.Background(), fn, json.RawMessage("[1]")); err != nil {
					errs <- err
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var total int
	for _, in := range insts {
		var c int
		json.Unmarshal([]byte(call(t, in, "inc", "[0]")), &c)
		total += c
	}
	if total != calls/2 {
		t.Errorf("the instances counted %d increments, want %d", total, calls/2)
	}
}

func liveMemoryBytes() uint64 { return wasmhost.LiveMemoryBytes() }

// TestBytecodeCollisionRunsTheRightCode is hostile case "bytecode-collision"
// (issue 10, escape 4): an attacker's bundle whose cache key equals the
// victim's must not run as the victim. The key function is replaced by one
// that gives every script the same key, the collision the attacker built
// against the old 64-bit xxhash.
func TestBytecodeCollisionRunsTheRightCode(t *testing.T) {
	old := bytecodeKeyOf
	bytecodeKeyOf = func([sha256.Size]byte) bytecodeKey { return bytecodeKey{1} }
	t.Cleanup(func() { bytecodeKeyOf = old })
	stamp := time.Now().UnixNano()
	attacker := fmt.Sprintf(`var __corets_exports = { who: () => "attacker %d" }`, stamp)
	victim := fmt.Sprintf(`var __corets_exports = { who: () => "victim %d" }`, stamp)
	a, _ := newInstance(t, InstanceConfig{Name: "attacker"}, attacker)
	v, _ := newInstance(t, InstanceConfig{Name: "victim"}, victim)
	if got, want := call(t, v, "who", ""), fmt.Sprintf(`"victim %d"`, stamp); got != want {
		t.Errorf("the victim ran %s, want %s", got, want)
	}
	// and the other way round, now that the victim's bytecode holds the key
	a2, _ := newInstance(t, InstanceConfig{Name: "attacker"}, attacker)
	if got, want := call(t, a2, "who", ""), fmt.Sprintf(`"attacker %d"`, stamp); got != want {
		t.Errorf("the attacker ran %s, want %s", got, want)
	}
	call(t, a, "who", "")
}

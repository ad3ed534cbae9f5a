package jsengine

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"text/tabwriter"
	"time"
)

// Built-ins that do a lot of work in one step of the interpreter: a join of
// a 2^26-element sparse array, a regexp of 40,000 alternatives, JSON of
// 20,000 levels. Each must end with the timeout (or memory) error however
// the guest reaches it — a call, the top level, a timer between calls — and
// leave the host and other instances working.
//
// The tests assert the kind of error, never the time it took: the machine
// is shared and noisy. The figures are printed by
//
//	go test ./jsengine -run TestBuiltinLimitTimes -builtin-times -v
var (
	builtinTimes   = flag.Bool("builtin-times", false, "print the time every hostile built-in takes to reach its limit, in every context")
	builtinContext = flag.String("builtin-context", "", "run the hostile built-ins only in this context (call, top level, timer)")
)

// builtinTimeout is the budget the tests give each case: short, so the
// tests stay fast, and long enough that a check every few milliseconds
// clearly lands inside twice the budget.
const builtinTimeout = 300 * time.Millisecond

type hostileBuiltin struct {
	name string
	code string  // statements; the last one is the one that runs long
	want []error // the acceptable limits
}

var hostileBuiltins = []hostileBuiltin{
	{"Array.prototype.join, 2^26 sparse", `const a = []; a.length = 2 ** 26; a.join()`, timeoutOnly},
	{"Array.prototype.toString, new Array(2^26)", `new Array(2 ** 26).toString()`, timeoutOnly},
	{"Array.prototype.toLocaleString, 2^26 sparse", `new Array(2 ** 26).toLocaleString()`, timeoutOnly},
	{"Array.prototype.indexOf, 2^26 sparse", `new Array(2 ** 26).indexOf(1)`, timeoutOnly},
	{"Array.prototype.lastIndexOf, 2^26 sparse", `new Array(2 ** 26).lastIndexOf(1)`, timeoutOnly},
	{"Array.prototype.includes, 2^26 sparse", `new Array(2 ** 26).includes(1)`, timeoutOnly},
	{"Array.prototype.reverse, 2^26 sparse", `new Array(2 ** 26).reverse()`, timeoutOnly},
	{"Array.prototype.splice, 2^26 sparse", `new Array(2 ** 26).splice(0, 1)`, timeoutOnly},
	{"Array.prototype.fill, 2^26", `new Array(2 ** 26).fill(0)`, timeoutOrMemory},
	{"Array.prototype.sort, 2^26 sparse", `const a = new Array(2 ** 26); a[5] = 1; a.sort()`, timeoutOrMemory},
	{"Array.from({length: 1e8})", `Array.from({length: 1e8})`, timeoutOrMemory},
	{"String.prototype.repeat, 200 x 1e7", `for (let i = 0; i < 200; i++) "x".repeat(1e7)`, timeoutOnly},
	{"String.prototype.padStart, 200 x 1e7", `for (let i = 0; i < 200; i++) "".padStart(1e7, "ab")`, timeoutOnly},
	{"String.prototype.padEnd, 200 x 1e7", `for (let i = 0; i < 200; i++) "".padEnd(1e7, "ab")`, timeoutOnly},
	{"String.prototype.replaceAll, huge", `const s = "a".repeat(4e6); for (let i = 0; i < 200; i++) s.replaceAll("a", "b")`, timeoutOnly},
	{"String.prototype.normalize, huge", `const s = "\u00e9".repeat(4e6); for (let i = 0; i < 200; i++) s.normalize("NFD")`, timeoutOrMemory},
	{"String.prototype.localeCompare, huge", `const s = "\u00e9".repeat(4e6); for (let i = 0; i < 200; i++) s.localeCompare(s + "b")`, timeoutOrMemory},
	{"RegExp compile, 40k alternatives", `new RegExp(Array.from({length: 40000}, (_, i) => "a" + i).join("|"))`, timeoutOnly},
	{"RegExp compile, 100k alternatives", `new RegExp(Array.from({length: 100000}, (_, i) => "a" + i).join("|"))`, timeoutOrMemory},
	{"RegExp replace, huge input", `const s = "a".repeat(1e7); for (let i = 0; i < 200; i++) s.replace(/a/g, "")`, timeoutOnly},
	{"JSON.stringify, 20,000 levels", `let o = {}; for (let i = 0; i < 20000; i++) o = {a: o}; JSON.stringify(o)`, timeoutOnly},
	{"JSON.stringify, huge", `const a = new Array(1e6).fill("abc"); for (let i = 0; i < 200; i++) JSON.stringify(a)`, timeoutOnly},
	{"JSON.parse, huge", `const s = "[" + "1,".repeat(2e6) + "1]"; for (let i = 0; i < 200; i++) JSON.parse(s)`, timeoutOrMemory},
	{"TypedArray sort", `const t = new Float64Array(4e6); for (let i = 0; i < t.length; i++) t[i] = (i * 7919) % 4e6; for (let i = 0; i < 200; i++) t.slice().sort()`, timeoutOrMemory},
	{"TypedArray fill and set", `const t = new Uint8Array(3e7); for (let i = 0; i < 1e4; i++) { t.fill(i); t.set(t.subarray(1)) }`, timeoutOnly},
	// 1,000,000 bits is QuickJS's largest BigInt
	{"BigInt power", `for (let i = 0; i < 200; i++) 7n ** 350000n`, timeoutOrMemory},
	{"BigInt multiply", `const x = 7n ** 170000n; for (let i = 0; i < 200; i++) x * x`, timeoutOrMemory},
	{"BigInt toString", `const x = 7n ** 350000n; for (let i = 0; i < 200; i++) x.toString()`, timeoutOrMemory},
	{"eval of a huge source", `eval("let x = 0;" + "x = x + 1;".repeat(3e6))`, timeoutOrMemory},
	{"Function.prototype.toString, huge", `const f = new Function("return 1;" + " ".repeat(2e7)); for (let i = 0; i < 200; i++) f.toString()`, timeoutOrMemory},
	{"structuredClone, big graph", `const g = Array.from({length: 1e5}, (_, i) => ({i, s: "x" + i})); for (let i = 0; i < 200; i++) structuredClone(g)`, timeoutOrMemory},
}

var (
	timeoutOnly     = []error{ErrTimeout}
	timeoutOrMemory = []error{ErrTimeout, ErrMemory}
)

// builtinContexts are the ways guest code runs: a call of an export, the
// bundle's top level (init), and a timer between calls.
var builtinContexts = []struct {
	name string
	run  func(t testing.TB, c hostileBuiltin) (time.Duration, error)
}{
	{"call", func(t testing.TB, c hostileBuiltin) (time.Duration, error) {
		in, _ := newInstance(t, InstanceConfig{Timeout: builtinTimeout}, "var __corets_exports = { run() { "+c.code+" } }")
		start := time.Now()
		_, err := in.Call(context.Background(), "run", nil)
		return time.Since(start), err
	}},
	{"top level", func(t testing.TB, c hostileBuiltin) (time.Duration, error) {
		in, _ := newInstance(t, InstanceConfig{Timeout: builtinTimeout}, "")
		start := time.Now()
		err := in.Load(context.Background(), Bundle{Name: "main.js", Code: c.code})
		return time.Since(start), err
	}},
	{"timer", func(t testing.TB, c hostileBuiltin) (time.Duration, error) {
		in, _ := newInstance(t, InstanceConfig{Timeout: builtinTimeout, Output: func(string, string) {}}, "")
		start := time.Now()
		if err := in.Load(context.Background(), Bundle{Name: "main.js", Code: "setTimeout(() => { " + c.code + " }, 0)"}); err != nil {
			return 0, err
		}
		select {
		case <-in.Died():
		case <-time.After(time.Minute):
			return time.Since(start), errors.New("the timer was still running after a minute")
		}
		return time.Since(start), in.Err()
	}},
}

func checkBuiltinLimit(t testing.TB, c hostileBuiltin, err error) {
	t.Helper()
	for _, w := range c.want {
		if errors.Is(err, w) {
			return
		}
	}
	t.Errorf("%s: got %v, want one of %v", c.name, err, c.want)
}

// TestBuiltinLimits: every hostile built-in ends with its limit in every
// context, and a fresh instance works afterwards.
func TestBuiltinLimits(t *testing.T) {
	for _, c := range hostileBuiltins {
		t.Run(c.name, func(t *testing.T) {
			for _, x := range builtinContexts {
				if *builtinContext != "" && x.name != *builtinContext {
					continue
				}
				took, err := x.run(t, c)
				checkBuiltinLimit(t, c, err)
				t.Logf("%s: %v after %v (budget %v)", x.name, err, took.Round(time.Millisecond), builtinTimeout)
			}
			hostHealthy(t)
		})
	}
}

// TestBuiltinLimitTimes prints the table of how long each hostile built-in
// ran past its budget; run with -builtin-times.
func TestBuiltinLimitTimes(t *testing.T) {
	if !*builtinTimes {
		t.Skip("run with -builtin-times")
	}
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "case\tcontext\tbudget\ttook\tx budget\tlimit\n")
	for _, c := range hostileBuiltins {
		for _, x := range builtinContexts {
			if *builtinContext != "" && x.name != *builtinContext {
				continue
			}
			took, err := x.run(t, c)
			kind := "none"
			for _, k := range []error{ErrTimeout, ErrMemory, ErrFuel, ErrCanceled} {
				if errors.Is(err, k) {
					kind = k.Error()
				}
			}
			fmt.Fprintf(w, "%s\t%s\t%v\t%v\t%.1f\t%s\n", c.name, x.name, builtinTimeout, took.Round(time.Millisecond), float64(took)/float64(builtinTimeout), kind)
		}
	}
	w.Flush()
	fmt.Fprint(os.Stdout, b.String())
}

// TestCallerDeadlineInsideBuiltin: an embedder's context ends a call stuck
// in a built-in, with its deadline (the review's case: a join of 2^26 with
// a 3 s context returned after 40 s) and with a cancel.
func TestCallerDeadlineInsideBuiltin(t *testing.T) {
	const code = `var __corets_exports = { join() { const a = []; a.length = 2 ** 26; for (;;) a.join() } }`
	cases := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"deadline 3s", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 3*time.Second)
		}, ErrTimeout},
		{"cancel after 200ms", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(200*time.Millisecond, cancel)
			return ctx, cancel
		}, ErrCanceled},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, _ := newInstance(t, InstanceConfig{}, code) // the instance's own timeout is 30 s
			ctx, cancel := c.ctx()
			defer cancel()
			start := time.Now()
			_, err := in.Call(ctx, "join", nil)
			t.Logf("%v after %v", err, time.Since(start).Round(time.Millisecond))
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if _, err := in.Call(context.Background(), "join", nil); !errors.Is(err, ErrDead) {
				t.Errorf("after the limit: %v, want ErrDead", err)
			}
			hostHealthy(t)
		})
	}
}

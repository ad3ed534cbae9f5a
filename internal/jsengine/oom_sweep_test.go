package jsengine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"testing"
)

// oomBombs exhaust the heap in different ways. Where the limit is met
// decides which allocation fails: a bomb of strings, of objects or of
// arrays, errors whose backtraces are built while memory runs out, and a
// bomb run as a promise job or a timer (outside the call's own frame). Each
// catches what it can and reports it, as a module that tries to survive
// would; the out-of-memory flag must still win.
var oomBombs = []struct{ name, code string }{
	{"strings", `const a = []; try { for (let i = 0;; i++) a.push("x".repeat(1000) + i) } catch (e) { String(e) } "survived"`},
	{"objects", `const a = []; try { for (let i = 0;; i++) a.push({i, s: "k" + i, o: {i}}) } catch (e) { e.message } "survived"`},
	{"arrays", `const a = []; try { for (;;) a.push(new Array(1000).fill(a.length)) } catch (e) {} "survived"`},
	{"rope", `let s = "ab", k = []; try { for (let i = 0;; i++) { s = s + s.slice(0, 4096) + i; k.push(s.slice(-8192)) } } catch (e) { e.stack } "survived"`},
	{"errors in deep recursion", `const keep = [];
		function f(n) { keep.push(new Error("depth " + n)); return f(n + 1) + 1 }
		for (;;) { try { f(0) } catch (e) { keep.push(e, String(e.stack)) } }`},
	{"thrown while out of memory", `const a = [];
		function g(n) { if (n > 50) { a.push(new Array(500).fill(n)); throw new TypeError("t" + a.length) } return g(n + 1) }
		for (;;) { try { g(0) } catch (e) { a.push(e) } }`},
	{"promise job", `(async () => { await null; const a = []; try { for (;;) a.push({x: [a.length]}) } catch (e) { return "survived " + e } })()`},
	{"timer", `new Promise((resolve) => setTimeout(() => { const a = []; try { for (;;) a.push("y".repeat(100) + a.length) } catch (e) { resolve(String(e)) } }, 0))`},
}

// TestOOMSweep runs each bomb under many memory limits, so that where the
// limit falls in the heap's layout is not luck: every run must end in
// ErrMemory (never a trap, ErrCrashed or another error), the instance must
// be dead, and a fresh instance must work. The default sweep takes four
// limits per bomb from 8 to 32 MiB (steps of 6 MiB, shifted per bomb by a
// few 64 KiB pages; -short takes two); CORETS_OOM_SWEEP=full takes every
// 64 KiB step, 384 limits per bomb (about an hour on two loaded cores);
// CORETS_OOM_SWEEP=N takes steps of N pages.
//
// A bug it found: QuickJS's interpreter passed its current exception to
// build_backtrace without a reference; a failed allocation while building
// the trace threw "out of memory", which freed that exception, and the
// `stack` property was then defined on freed memory (a wasm trap at some
// limits only). engine/patches/0009 fixes it.
func TestOOMSweep(t *testing.T) {
	const page = 64 << 10
	stride := 97 * page
	if testing.Short() {
		stride = 194 * page
	}
	switch v := os.Getenv("CORETS_OOM_SWEEP"); v {
	case "":
	case "full":
		stride = page
	default: // a stride in 64 KiB pages
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("CORETS_OOM_SWEEP=%q: want full or a number of 64 KiB pages", v)
		}
		stride = n * page
	}
	for bi, b := range oomBombs {
		t.Run(b.name, func(t *testing.T) {
			bad := 0
			for limit := uint64(8<<20 + (bi*37%97)*page); limit <= 32<<20; limit += uint64(stride) {
				if err := oomRun(b.code, limit); err != nil {
					t.Errorf("limit %d KiB: %v", limit>>10, err)
					if bad++; bad > 5 {
						t.Fatal("more than 5 failures: stopping")
					}
				}
			}
		})
	}
}

func oomRun(code string, limit uint64) error {
	ctx := context.Background()
	in, err := testEngine.NewInstance(ctx, InstanceConfig{Name: "bomb", MemoryLimit: limit, Output: func(string, string) {}})
	if err != nil {
		return err
	}
	defer in.Close()
	res, err := in.Eval(ctx, code)
	if !errors.Is(err, ErrMemory) {
		return fmt.Errorf("got %v (value %s), want ErrMemory", err, res.Value)
	}
	if _, err := in.Eval(ctx, "1"); !errors.Is(err, ErrDead) || !errors.Is(err, ErrMemory) {
		return fmt.Errorf("after the limit: %v, want ErrDead wrapping ErrMemory", err)
	}
	fresh, err := testEngine.NewInstance(ctx, InstanceConfig{Name: "next"})
	if err != nil {
		return fmt.Errorf("a fresh instance: %v", err)
	}
	defer fresh.Close()
	if r, err := fresh.Eval(ctx, `[1, 2].map((x) => x * 2).join()`); err != nil || string(r.Value) != `"2,4"` {
		return fmt.Errorf("a fresh instance answered %s, %v", r.Value, err)
	}
	return nil
}

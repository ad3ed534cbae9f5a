package jsengine

import (
	"context"
	"errors"
	"testing"
	"time"
)

// Atomics.wait cannot block in the engine (one agent, no threads: patch
// 0011), so it throws a TypeError as on a browser's main thread, wherever
// it runs: a call, a Load's top level (a script's and a module's, from
// bytecode), a promise job and a timer. node's main thread can block, so
// this is not in the node-parity snippet (testdata/node/atomics.js). Its
// argument errors come first, as the spec orders them (in the snippet).
func TestAtomicsWaitCannotBlock(t *testing.T) {
	ctx := context.Background()
	const waits = `[
		() => Atomics.wait(new Int32Array(new SharedArrayBuffer(8)), 0, 0),
		() => Atomics.wait(new Int32Array(new SharedArrayBuffer(8)), 0, 0, 0),
		() => Atomics.wait(new Int32Array(new SharedArrayBuffer(8)), 1, 0, Infinity),
		() => Atomics.wait(new Int32Array(new SharedArrayBuffer(8)), 0, 1, 10),
		() => Atomics.wait(new Int32Array(new SharedArrayBuffer(8)), 0, 0, NaN),
		() => Atomics.wait(new BigInt64Array(new SharedArrayBuffer(16)), 1, 0n),
		() => Atomics.wait(new BigInt64Array(new SharedArrayBuffer(16)), 1, 5n, -1),
	].map((f) => { try { return "returned " + f() } catch (e) { return e.constructor.name + ": " + e.message } })`
	want := `["TypeError: cannot block in this thread","TypeError: cannot block in this thread",` +
		`"TypeError: cannot block in this thread","TypeError: cannot block in this thread",` +
		`"TypeError: cannot block in this thread","TypeError: cannot block in this thread",` +
		`"TypeError: cannot block in this thread"]`

	in, _ := newInstance(t, InstanceConfig{}, "")
	if got := eval(t, in, waits); got != want {
		t.Errorf("Eval: got %s\nwant %s", got, want)
	}
	// in a promise job and in a timer callback
	if got := eval(t, in, `Promise.resolve().then(() => `+waits+`)`); got != want {
		t.Errorf("promise job: got %s\nwant %s", got, want)
	}
	if got := eval(t, in, `new Promise((resolve) => setTimeout(() => resolve(`+waits+`), 1))`); got != want {
		t.Errorf("timer: got %s\nwant %s", got, want)
	}

	for _, b := range []Bundle{
		{Name: "wait.js", Code: "const r = " + waits + "; var __corets_exports = { r: () => r }"},
		{Name: "wait.mjs", Module: true, Code: "const r = " + waits + "; export const x = { r: () => r }; export function r2() { return r }"},
	} {
		in, _ := newInstance(t, InstanceConfig{}, "")
		if err := in.Load(ctx, b); err != nil {
			t.Fatal(err)
		}
		fn := "r"
		if b.Module {
			fn = "r2"
		}
		if got := call(t, in, fn, ""); got != want {
			t.Errorf("%s: got %s\nwant %s", b.Name, got, want)
		}
	}

	// uncaught, it is the call's exception and the instance lives on
	in2, _ := newInstance(t, InstanceConfig{}, "")
	_, err := in2.Eval(ctx, `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)`)
	var ex *Exception
	if !errors.As(err, &ex) || ex.Name != "TypeError" || ex.Message != "cannot block in this thread" {
		t.Fatalf("uncaught wait: %v, want the TypeError", err)
	}
	if got := eval(t, in2, "Atomics.add(new Int32Array(new SharedArrayBuffer(4)), 0, 1) + 1"); got != "1" {
		t.Errorf("after the TypeError: %s", got)
	}
}

// What the engine answers where node does not: Atomics.waitAsync is not in
// QuickJS, and isLockFree follows the spec's ToIntegerOrInfinity (node 20
// says false for 4.5).
func TestAtomicsEngineOnly(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, "")
	got := eval(t, in, `[typeof Atomics.waitAsync, Atomics.isLockFree(4.5), Atomics.isLockFree(1.9), Atomics.isLockFree(-0),
		typeof SharedArrayBuffer, Object.prototype.toString.call(new SharedArrayBuffer(1))]`)
	if want := `["undefined",true,true,false,"function","[object SharedArrayBuffer]"]`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// Atomics is in the start-up image: an engine restored from the disk
// snapshot has it too.
func TestAtomicsInSnapshot(t *testing.T) {
	dir := t.TempDir()
	diskEngine(t, dir)
	e, logs := diskEngine(t, dir)
	if !e.restored {
		t.Fatalf("no snapshot; log: %s", logs)
	}
	in, err := e.NewInstance(context.Background(), InstanceConfig{Name: "snap"})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	res, err := in.Eval(context.Background(), `const a = new BigInt64Array(new SharedArrayBuffer(16));
		[Atomics.add(a, 1, 2n), Atomics.compareExchange(a, 1, 2n, 7n), Atomics.load(a, 1)].map(String)`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(res.Value), `["0","2","7"]`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// Loops of Atomics operations are bytecode like any other: fuel counts
// them exactly and deadlines stop them; a caught TypeError from wait in a
// loop cannot hold the instance either.
func TestAtomicsLoopsAreMetered(t *testing.T) {
	cases := []struct {
		name string
		cfg  InstanceConfig
		code string
		want error
	}{
		{"add loop, fuel", InstanceConfig{Fuel: 2_000_000},
			`const a = new Int32Array(new SharedArrayBuffer(4)); for (;;) Atomics.add(a, 0, 1)`, ErrFuel},
		{"add loop, timeout", InstanceConfig{Timeout: 200 * time.Millisecond},
			`const a = new BigInt64Array(new SharedArrayBuffer(8)); for (;;) Atomics.add(a, 0, 1n)`, ErrTimeout},
		{"compareExchange spin, fuel", InstanceConfig{Fuel: 2_000_000},
			`const a = new Int32Array(new SharedArrayBuffer(4)); while (Atomics.compareExchange(a, 0, 1, 0) !== 1) {}`, ErrFuel},
		{"notify with huge counts, timeout", InstanceConfig{Timeout: 200 * time.Millisecond},
			`const a = new Int32Array(new SharedArrayBuffer(4)); for (;;) Atomics.notify(a, 0, 2 ** 53)`, ErrTimeout},
		// a thrown error costs more time per unit of fuel than plain
		// bytecode (as any throw does): a smaller budget
		{"wait caught in a loop, fuel", InstanceConfig{Fuel: 100_000},
			`const a = new Int32Array(new SharedArrayBuffer(4)); for (;;) { try { Atomics.wait(a, 0, 0) } catch {} }`, ErrFuel},
		{"wait caught in a loop, timeout", InstanceConfig{Timeout: 200 * time.Millisecond},
			`const a = new Int32Array(new SharedArrayBuffer(4)); for (;;) { try { Atomics.wait(a, 0, 0, Infinity) } catch {} }`, ErrTimeout},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, _ := newInstance(t, c.cfg, "")
			_, err := in.Eval(context.Background(), c.code)
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if _, err := in.Eval(context.Background(), "1"); !errors.Is(err, ErrDead) {
				t.Errorf("after the limit: %v, want ErrDead", err)
			}
			hostHealthy(t)
		})
	}

	// the same work costs the same fuel, and more work costs more
	code := `var __corets_exports = { run(n) { const a = new Uint8Array(new SharedArrayBuffer(4));
		for (let i = 0; i < n; i++) { Atomics.add(a, i & 3, i); Atomics.xor(a, 0, 1) } return Atomics.load(a, 0) } }`
	fuel := func(n string) int64 {
		in, _ := newInstance(t, InstanceConfig{}, code)
		res, err := in.Call(context.Background(), "run", []byte("["+n+"]"))
		if err != nil {
			t.Fatal(err)
		}
		return res.Fuel
	}
	small, again, large := fuel("1000"), fuel("1000"), fuel("100000")
	if small != again {
		t.Errorf("the same loop used %d and %d fuel", small, again)
	}
	if large < 50*small {
		t.Errorf("100x the operations used %d fuel against %d", large, small)
	}
}

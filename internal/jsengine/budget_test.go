package jsengine

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/testutil"
)

// budgetEngine has a host function charging one unit of "k" (limit 3) to
// the calling work's per-call budget, and an asynchronous one whose results
// count their releases.
func budgetEngine(t *testing.T) (*Engine, *atomic.Int64, *atomic.Int64) {
	t.Helper()
	var started, released atomic.Int64
	funcs := []HostFunc{
		{Name: "budget.charge", Fn: func(_ context.Context, c *Caller, _ []byte) ([]byte, error) {
			if c.Charge("k", 1, 3) {
				return []byte("ok"), nil
			}
			return []byte("no"), nil
		}},
		{Name: "budget.later", Async: true, Fn: func(ctx context.Context, c *Caller, arg []byte) ([]byte, error) {
			started.Add(1)
			d, _ := time.ParseDuration(string(arg))
			select {
			case <-time.After(d):
			case <-ctx.Done():
			}
			return []byte("done"), nil
		}, Release: func(c *Caller, data []byte) {
			if string(data) == "done" {
				released.Add(1)
			}
		}},
	}
	glue := `(host) => {
		const c = host.lookup("budget.charge"), l = host.lookup("budget.later");
		globalThis.charge = () => host.call(c);
		globalThis.later = (d) => host.call(l, d);
	}`
	e, err := New(context.Background(), Config{HostFuncs: funcs, Extensions: []Extension{{Name: "budget-glue.js", Source: glue}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close(context.Background()) })
	return e, &started, &released
}

// A per-call budget spent by a call stays spent for everything the call
// set in motion: timers, intervals, promise chains and host results that
// run after it returned. The next call has its own.
func TestChargeFollowsTheCall(t *testing.T) {
	t.Parallel()
	e, _, _ := budgetEngine(t)
	in, err := e.NewInstance(context.Background(), InstanceConfig{Name: "budget", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	code := `var log = [];
	var __corets_exports = {
		spend() {
			const here = [charge(), charge(), charge(), charge()];
			let n = 0;
			const iv = setInterval(() => { log.push("interval:" + charge()); if (++n == 3) clearInterval(iv); }, 1);
			setTimeout(() => { log.push("timeout:" + charge()); setTimeout(() => log.push("nested:" + charge()), 1); }, 1);
			Promise.resolve().then(() => later("1ms")).then(() => { log.push("hostResult:" + charge()); });
			return here;
		},
		log() { return log.slice().sort(); },
		fresh() { return [charge(), charge(), charge(), charge()]; },
	};`
	if err := in.Load(context.Background(), Bundle{Name: "main.js", Code: code}); err != nil {
		t.Fatal(err)
	}
	if got := call(t, in, "spend", ""); got != `["ok","ok","ok","no"]` {
		t.Fatalf("spend = %s", got)
	}
	want := `["hostResult:no","interval:no","interval:no","interval:no","nested:no","timeout:no"]`
	var got string
	testutil.Eventually(t, func() bool { got = call(t, in, "log", ""); return len(got) == len(want) })
	if got != want {
		t.Fatalf("work left behind by the call charged: %s\nwant every charge refused: %s", got, want)
	}
	if got := call(t, in, "fresh", ""); got != `["ok","ok","ok","no"]` {
		t.Fatalf("the next call = %s, want its own budget", got)
	}
}

// A call's budget is made by its first host call (runState.lazyBudget). A
// call that starts without one and charges on both sides of a timer it
// waits for (set by another call, whose budget the timer's callback and the
// jobs it runs get) still has one budget of its own throughout: host results
// settled during the call are charged to it.
func TestChargeLazyBudgetAcrossTimers(t *testing.T) {
	t.Parallel()
	e, _, _ := budgetEngine(t)
	in, err := e.NewInstance(context.Background(), InstanceConfig{Name: "budget", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	code := `var p = [];
	var __corets_exports = {
		arm() {
			p = [later("20ms"), new Promise((r) => setTimeout(r, 40)), later("60ms")];
			return true;
		},
		async wait() {
			await p[0];
			const a = [charge(), charge()];
			await p[1];
			await p[2];
			return a.concat([charge(), charge()]);
		},
	};`
	if err := in.Load(context.Background(), Bundle{Name: "main.js", Code: code}); err != nil {
		t.Fatal(err)
	}
	call(t, in, "arm", "")
	if got := call(t, in, "wait", ""); got != `["ok","ok","ok","no"]` {
		t.Fatalf("wait = %s, want one budget of its own for the whole call", got)
	}
}

// Every result of an asynchronous host function is released once: taken
// during a call, taken between calls, or dropped when the instance closes.
func TestAsyncResultsReleased(t *testing.T) {
	t.Parallel()
	e, started, released := budgetEngine(t)
	in, err := e.NewInstance(context.Background(), InstanceConfig{Name: "release", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	code := `var __corets_exports = {
		async awaited() { return await later("1ms"); },
		leave() { later("5ms"); later("5ms"); return "left"; },
		pending() { for (let i = 0; i < 3; i++) later("1h"); return "pending"; },
	};`
	if err := in.Load(context.Background(), Bundle{Name: "main.js", Code: code}); err != nil {
		t.Fatal(err)
	}
	call(t, in, "awaited", "")
	call(t, in, "leave", "")
	testutil.Eventually(t, func() bool { return released.Load() >= 3 })
	if n := released.Load(); n != 3 {
		t.Fatalf("%d results released after they were taken, want 3", n)
	}
	call(t, in, "pending", "")
	in.Close()
	testutil.Eventually(t, func() bool { return released.Load() >= 6 })
	if s, r := started.Load(), released.Load(); s != 6 || r != 6 {
		t.Fatalf("%d results started, %d released; want 6 and 6 after close", s, r)
	}
}

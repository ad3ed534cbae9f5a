package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/corets/corets-wasm/internal/jsengine"
)

// ours is CoreTS-Wasm's engine: QuickJS in wasm under wazero.
type ours struct {
	e    *jsengine.Engine
	fuel int64 // per-call fuel budget; 0 is unmetered
}

func newOurs(ctx context.Context) (*ours, error) {
	e, err := jsengine.New(ctx, jsengine.Config{})
	if err != nil {
		return nil, err
	}
	return &ours{e: e}, nil
}

// metered is the same engine with every call metered by fuel.
func (o *ours) metered(fuel int64) *ours { return &ours{e: o.e, fuel: fuel} }

func (o *ours) name() string { return "ours" }

func (o *ours) close() { o.e.Close(context.Background()) }

func (o *ours) instance(ctx context.Context, memLimit uint64, output func(level, text string)) (*jsengine.Instance, error) {
	if output == nil {
		output = func(string, string) {}
	}
	return o.e.NewInstance(ctx, jsengine.InstanceConfig{
		Name:        "bench",
		Fuel:        o.fuel,
		MemoryLimit: memLimit,
		Output:      output,
	})
}

func (o *ours) newVM(ctx context.Context) (vm, error) {
	in, err := o.instance(ctx, 64<<20, nil)
	if err != nil {
		return nil, err
	}
	if err := in.Load(ctx, jsengine.Bundle{Name: "bench.js", Code: bundleJS}); err != nil {
		in.Close()
		return nil, err
	}
	return &oursVM{in: in}, nil
}

type oursVM struct {
	in *jsengine.Instance
	// lastFuel is the fuel the latest call used.
	lastFuel int64
}

// call calls an export with integer arguments, as JSON, and parses the
// integer it returns.
func (v *oursVM) call(name string, args ...int) (int, error) {
	buf := make([]byte, 0, 32)
	buf = append(buf, '[')
	for i, a := range args {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = strconv.AppendInt(buf, int64(a), 10)
	}
	buf = append(buf, ']')
	res, err := v.in.Call(context.Background(), name, json.RawMessage(buf))
	if err != nil {
		return 0, err
	}
	v.lastFuel = res.Fuel
	n, err := strconv.Atoi(string(res.Value))
	if err != nil {
		return 0, fmt.Errorf("%s returned %s", name, res.Value)
	}
	return n, nil
}

func (v *oursVM) add(a, b int) (int, error) { return v.call("add", a, b) }
func (v *oursVM) fib(n int) (int, error)    { return v.call("fib", n) }
func (v *oursVM) close()                    { v.in.Close() }

// fuelOfFib returns the fuel fib(n) used, once per fresh instance.
func (o *ours) fuelOfFib(ctx context.Context, n, runs int) ([]int64, error) {
	m := o.metered(1e12)
	var fuel []int64
	for i := 0; i < runs; i++ {
		v, err := m.newVM(ctx)
		if err != nil {
			return nil, err
		}
		ov := v.(*oursVM)
		_, err = ov.fib(n)
		v.close()
		if err != nil {
			return nil, err
		}
		fuel = append(fuel, ov.lastFuel)
	}
	return fuel, nil
}

// microbenchResult is one microbench.js test in our engine.
type microbenchResult struct {
	ns  float64
	err error
}

// microbench runs microbench.js's tests one by one in one instance (a new
// one after a test that killed it). Without a sub-millisecond clock in the
// guest (performance.now), it measures with Date.now over longer spans: see
// the note it returns.
func (o *ours) microbench(ctx context.Context, src string, tests []string) (map[string]microbenchResult, string, error) {
	script, err := microbenchForOurs(src)
	if err != nil {
		return nil, "", err
	}
	var lines []string
	output := func(level, text string) { lines = append(lines, text) }
	var in *jsengine.Instance
	note := ""
	start := func() error {
		if in != nil {
			in.Close()
		}
		in, err = o.e.NewInstance(ctx, jsengine.InstanceConfig{
			Name: "microbench", MemoryLimit: 1 << 30, Timeout: 10 * time.Minute, Output: output,
		})
		if err != nil {
			return err
		}
		if _, err := in.Eval(ctx, script); err != nil {
			return fmt.Errorf("loading microbench.js: %w", err)
		}
		r, err := in.Eval(ctx, `typeof performance !== "undefined" && typeof performance.now === "function"`)
		if err != nil {
			return err
		}
		if string(r.Value) != "true" {
			// Date.now ticks by 1 ms: measure spans of >= 20 ms (10x the
			// script's own 2 ms) so rounding stays within ~5%, and take the
			// best of 10 runs instead of 100 to keep the same total time.
			note = "ours: no performance.now in the guest, so Date.now (1 ms) with clock_threshold 20 ms and max_iterations 10 (native: 2 ms, 100); sort_bench times single sorts and is coarse."
			if _, err := in.Eval(ctx, "clock_threshold = 20; max_iterations = 10;"); err != nil {
				return err
			}
		}
		return nil
	}
	if err := start(); err != nil {
		return nil, "", err
	}
	defer func() { in.Close() }()
	res := map[string]microbenchResult{}
	for _, t := range tests {
		lines = lines[:0]
		_, err := in.Eval(ctx, fmt.Sprintf("log_data = {}; bench(globalThis[%q], %q); undefined", t, t))
		if err == nil {
			err = fmt.Errorf("no result line")
			for _, l := range lines {
				if name, ns, ok := parseMicrobenchLine(l); ok && name == t {
					res[t] = microbenchResult{ns: ns}
					err = nil
				}
			}
		}
		if err != nil {
			if len(lines) > 0 {
				err = fmt.Errorf("%w (printed %q)", err, strings.Join(lines, " | "))
			}
			res[t] = microbenchResult{err: err}
			progress("  microbench %s failed in ours: %v", t, err)
			if in.Stats().Dead {
				if err := start(); err != nil {
					return res, note, err
				}
			}
			continue
		}
		progress("  microbench %-22s %10.2f ns", t, res[t].ns)
	}
	return res, note, nil
}

// hostCallNs measures a JS call of a host function and back, in ns per
// call: a loop of n host calls less the same loop calling a JS function.
func hostCallNs(ctx context.Context, n int) (float64, error) {
	e, err := jsengine.New(ctx, jsengine.Config{
		HostFuncs: []jsengine.HostFunc{{Name: "bench.echo", Fn: func(_ context.Context, _ *jsengine.Caller, arg []byte) ([]byte, error) {
			return arg, nil
		}}},
		Extensions: []jsengine.Extension{{Name: "bench-glue.js", Source: `(host) => {
			const id = host.lookup("bench.echo"), call = host.call;
			globalThis.hostEcho = (s) => call(id, s);
		}`}},
	})
	if err != nil {
		return 0, err
	}
	defer e.Close(ctx)
	in, err := e.NewInstance(ctx, jsengine.InstanceConfig{Name: "bench", Output: func(string, string) {}})
	if err != nil {
		return 0, err
	}
	defer in.Close()
	err = in.Load(ctx, jsengine.Bundle{Name: "host.js", Code: `function jsEcho(s) { return s }
var __corets_exports = {
	host(n) { let r; for (let i = 0; i < n; i++) r = hostEcho("x"); return r },
	js(n) { let r; for (let i = 0; i < n; i++) r = jsEcho("x"); return r },
}`})
	if err != nil {
		return 0, err
	}
	args := json.RawMessage("[" + strconv.Itoa(n) + "]")
	timeIt := func(name string) (time.Duration, error) {
		best := time.Duration(1 << 62)
		for i := 0; i < 5; i++ {
			start := time.Now()
			if _, err := in.Call(ctx, name, args); err != nil {
				return 0, err
			}
			best = min(best, time.Since(start))
		}
		return best, nil
	}
	h, err := timeIt("host")
	if err != nil {
		return 0, err
	}
	j, err := timeIt("js")
	if err != nil {
		return 0, err
	}
	return float64((h - j).Nanoseconds()) / float64(n), nil
}

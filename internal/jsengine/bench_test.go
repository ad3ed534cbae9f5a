package jsengine

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/wasmhost"
)

// The engine's own benchmarks; bench/ compares them with peers in one table.
//	go test ./jsengine -run '^$' -bench . -benchtime 2s

const benchBundle = `var __corets_exports = {
	add: (a, b) => a + b,
	fib(n) { return n < 2 ? n : this.fib(n - 1) + this.fib(n - 2) },
	hostLoop(n) { for (let i = 0; i < n; i++) echo("x"); return n },
}`

// BenchmarkNewInstance: a new instance with a loaded bundle, to its first
// call's result.
func BenchmarkNewInstance(b *testing.B) {
	ctx := context.Background()
	args := json.RawMessage("[1,2]")
	for b.Loop() {
		in, err := testEngine.NewInstance(ctx, InstanceConfig{Name: "bench", Output: func(string, string) {}})
		if err != nil {
			b.Fatal(err)
		}
		if err := in.Load(ctx, Bundle{Name: "main.js", Code: benchBundle}); err != nil {
			b.Fatal(err)
		}
		if _, err := in.Call(ctx, "add", args); err != nil {
			b.Fatal(err)
		}
		in.Close()
	}
}

// BenchmarkCall: the Go round trip of a call with small JSON.
func BenchmarkCall(b *testing.B) {
	in, _ := newInstance(b, InstanceConfig{}, benchBundle)
	ctx := context.Background()
	args := json.RawMessage("[1,2]")
	for b.Loop() {
		if _, err := in.Call(ctx, "add", args); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHostCall: JS calling a host function and back; ns/op is per
// host call (the loop's own cost included).
func BenchmarkHostCall(b *testing.B) {
	in, _ := newInstance(b, InstanceConfig{}, benchBundle)
	const n = 100000
	for b.Loop() {
		if _, err := in.Call(context.Background(), "hostLoop", json.RawMessage("[100000]")); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/hostcall")
}

func benchFib(b *testing.B, fuel int64) {
	in, _ := newInstance(b, InstanceConfig{Fuel: fuel}, benchBundle)
	for b.Loop() {
		if _, err := in.Call(context.Background(), "fib", json.RawMessage("[27]")); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFib27(b *testing.B)        { benchFib(b, 0) }
func BenchmarkFib27Metered(b *testing.B) { benchFib(b, 1<<62) }

// BenchmarkEngineWarmStart is a new process's engine start from a warm disk
// cache: the compiled engine read back (and, since issue 10, verified
// against its seal and copied to a private directory) instead of compiled.
func BenchmarkEngineWarmStart(b *testing.B) {
	ctx := context.Background()
	cfg := Config{Wasm: wasmhost.Config{CacheDir: b.TempDir()}}
	e, err := New(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	e.Close(ctx)
	for b.Loop() {
		e, err := New(ctx, cfg)
		if err != nil {
			b.Fatal(err)
		}
		e.Close(ctx)
	}
}

func BenchmarkFib30(b *testing.B) {
	in, _ := newInstance(b, InstanceConfig{}, benchBundle)
	for b.Loop() {
		if _, err := in.Call(context.Background(), "fib", json.RawMessage("[30]")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCallParallel: calls from 20 goroutines (10 per CPU on the
// 2-core machine this was written on) spread over 100 instances, as a
// service embedding many plugins would make them; ns/op is per call.
func BenchmarkCallParallel(b *testing.B) { benchCallParallel(b, 100) }

// BenchmarkCallParallel1000 is BenchmarkCallParallel over 1000 instances,
// bench/'s figure: against the 100 of the same run it shows what a call
// costs once the instances' memories no longer fit in the CPU's caches.
func BenchmarkCallParallel1000(b *testing.B) { benchCallParallel(b, 1000) }

func benchCallParallel(b *testing.B, n int) {
	ins := make([]*Instance, n)
	for i := range ins {
		ins[i], _ = newInstance(b, InstanceConfig{}, benchBundle)
	}
	var next atomic.Int64
	args := json.RawMessage("[1,2]")
	b.SetParallelism(10)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		ctx := context.Background()
		for pb.Next() {
			in := ins[next.Add(1)%int64(n)]
			if _, err := in.Call(ctx, "add", args); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkNewInstancePhases is BenchmarkNewInstance with each phase timed:
// instantiate (wasm instance and image mapping), start (bridge_start), the
// first Load, the first Call and Close, in µs per instance.
func BenchmarkNewInstancePhases(b *testing.B) {
	ctx := context.Background()
	args := json.RawMessage("[1,2]")
	var phases [5]time.Duration
	// as the second NewInstance of a process does: the image learns which
	// pages a first Load writes
	testEngine.probed.Do(func() { testEngine.learnImageWrites(ctx) })
	for b.Loop() {
		t0 := time.Now()
		cfg := InstanceConfig{Name: "bench", Output: func(string, string) {}}.withDefaults(testEngine.log)
		in, err := testEngine.instantiate(ctx, cfg, testEngine.image)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		in.scratch, in.outAddr = testEngine.scratch, testEngine.outAddr
		if err := in.mod.ExportedFunction(exportNames[exStart]).CallWithStack(in.wctx, []uint64{1, in.heapLimit()}); err != nil {
			b.Fatal(err)
		}
		in.token <- struct{}{} // as NewInstance does
		t2 := time.Now()
		if err := in.Load(ctx, Bundle{Name: "main.js", Code: benchBundle}); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		if _, err := in.Call(ctx, "add", args); err != nil {
			b.Fatal(err)
		}
		t4 := time.Now()
		in.Close()
		t5 := time.Now()
		for i, d := range []time.Duration{t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t4.Sub(t3), t5.Sub(t4)} {
			phases[i] += d
		}
	}
	for i, name := range []string{"instantiate", "start", "load", "call", "close"} {
		b.ReportMetric(float64(phases[i].Microseconds())/float64(b.N), name+"-µs")
	}
}

package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// bundleJS is the script every engine loads: the same source for all.
const bundleJS = `function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
function add(a, b) { return a + b; }
var __corets_exports = { fib: fib, add: add };
`

// fibResults are the expected values, to check that a run really computed.
var fibResults = map[int]int{25: 75025, 30: 832040}

// engine is one peer in the comparison: something that makes instances with
// bundleJS loaded.
type engine interface {
	name() string
	// newVM creates an instance and loads bundleJS into it.
	newVM(ctx context.Context) (vm, error)
	close()
}

// vm is one instance with bundleJS loaded. Its methods are safe for
// concurrent use (peers whose runtimes are not serialize with a mutex).
type vm interface {
	add(a, b int) (int, error)
	fib(n int) (int, error)
	close()
}

// coldStart measures new instance + load + first call result, runs times,
// and returns the sorted durations. Closing is not timed.
func coldStart(ctx context.Context, e engine, runs int) ([]time.Duration, error) {
	// warm up: compilation caches, first-use allocations
	for i := 0; i < 5; i++ {
		v, err := e.newVM(ctx)
		if err != nil {
			return nil, err
		}
		v.close()
	}
	ds := make([]time.Duration, 0, runs)
	for i := 0; i < runs; i++ {
		start := time.Now()
		v, err := e.newVM(ctx)
		if err != nil {
			return nil, err
		}
		r, err := v.add(i, 1)
		d := time.Since(start)
		v.close()
		if err != nil {
			return nil, err
		}
		if r != i+1 {
			return nil, fmt.Errorf("add(%d, 1) = %d", i, r)
		}
		ds = append(ds, d)
	}
	slices.Sort(ds)
	return ds, nil
}

// percentile of sorted durations, nearest rank.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.5) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func median[T int64 | float64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

// idleMemory creates n instances, each with one call done, and returns them
// (alive) with the memory they added per instance.
func idleMemory(ctx context.Context, e engine, n int) ([]vm, idleMem, error) {
	before := settledMem()
	vms := make([]vm, 0, n)
	for i := 0; i < n; i++ {
		v, err := e.newVM(ctx)
		if err == nil {
			_, err = v.add(i, 1)
		}
		if err != nil {
			closeAll(vms)
			return nil, idleMem{}, fmt.Errorf("instance %d: %w", i, err)
		}
		vms = append(vms, v)
	}
	after := settledMem()
	return vms, perInstance(before, after, n), nil
}

func closeAll(vms []vm) {
	for _, v := range vms {
		v.close()
	}
}

// roundTrip measures add(1, 2) from Go: the median over batches of the
// time per call, in ns.
func roundTrip(v vm, batches, perBatch int) (float64, error) {
	for i := 0; i < perBatch; i++ { // warm up
		if _, err := v.add(1, 2); err != nil {
			return 0, err
		}
	}
	ns := make([]float64, 0, batches)
	for b := 0; b < batches; b++ {
		start := time.Now()
		for i := 0; i < perBatch; i++ {
			r, err := v.add(1, 2)
			if err != nil {
				return 0, err
			}
			if r != 3 {
				return 0, fmt.Errorf("add(1, 2) = %d", r)
			}
		}
		ns = append(ns, float64(time.Since(start).Nanoseconds())/float64(perBatch))
	}
	return median(ns), nil
}

// fibTimes times fib(n) runs times on one instance (after one warm-up run).
func fibTimes(v vm, n, runs int) ([]time.Duration, error) {
	ds := make([]time.Duration, 0, runs)
	for i := -1; i < runs; i++ {
		start := time.Now()
		r, err := v.fib(n)
		d := time.Since(start)
		if err != nil {
			return nil, err
		}
		if want, ok := fibResults[n]; ok && r != want {
			return nil, fmt.Errorf("fib(%d) = %d, want %d", n, r, want)
		}
		if i >= 0 {
			ds = append(ds, d)
		}
	}
	return ds, nil
}

// concurrent makes short calls from workers goroutines, each to a random
// instance, for d (each worker looks at the clock every 64 calls), and
// returns what it measured. cpuNsPerCall (the process's CPU time over the
// calls made) still means something on a machine other work keeps busy,
// where calls/s only says how much of it this process got.
func concurrent(vms []vm, workers int, d time.Duration) concurrency {
	var total, errs atomic.Int64
	var wg sync.WaitGroup
	cpu0, cpuOK := processCPU()
	start := time.Now()
	deadline := start.Add(d)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, 0x5eed))
			n := 0
			for {
				for j := 0; j < 64; j++ {
					n++
					r, err := vms[rng.IntN(len(vms))].add(n, 1)
					if err != nil || r != n+1 {
						errs.Add(1)
					}
				}
				if time.Now().After(deadline) {
					total.Add(int64(n))
					return
				}
			}
		}(uint64(w))
	}
	wg.Wait()
	wall := time.Since(start)
	cpu1, cpuOK1 := processCPU()
	n := float64(total.Load())
	c := concurrency{callsPerSec: n / wall.Seconds(), errs: errs.Load(), cpuNsPerCall: -1}
	if cpuOK && cpuOK1 && n > 0 {
		c.cpuNsPerCall = float64((cpu1 - cpu0).Nanoseconds()) / n
	}
	return c
}

type concurrency struct {
	callsPerSec  float64
	errs         int64
	cpuNsPerCall float64 // < 0: not measured
}
